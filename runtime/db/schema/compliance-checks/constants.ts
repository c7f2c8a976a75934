export const COMPLIANCE_FRAMEWORKS = ["SOX", "GDPR", "HIPAA", "PCI_DSS", "SOC2"] as const;
export const COMPLIANCE_STATUSES = ["pending", "passed", "warning", "failed"] as const;
