/** The compliance pack's name, as engine output and policy events report it. */
export const COMPLIANCE_PACK_NAME = "wspec-compliance";
