export {
  type Caller,
  type DocumentHarness,
  DRIVER_KINDS,
  type DriverKind,
  documentHarness,
  type HarnessOptions,
  listKeys,
  TENANTS,
  type TenantSlug,
  testDriver,
} from "./harness.ts";
