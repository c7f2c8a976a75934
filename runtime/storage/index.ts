// Object storage for document versions: one interface, four drivers, one key layout.
export { AzureBlobStorageDriver, type AzureDriverOptions } from "./azure.ts";
export {
  AzureStorageConfigSchema,
  createStorageDriver,
  GcsStorageConfigSchema,
  LocalStorageConfigSchema,
  parseStorageConfig,
  S3StorageConfigSchema,
  type StorageConfig,
  StorageConfigSchema,
  storageDriverFromConfig,
} from "./config.ts";
export { type GcsDriverOptions, GcsStorageDriver } from "./gcs.ts";
export { sha256Hex } from "./integrity.ts";
export { type LocalDriverOptions, LocalStorageDriver, verifyLocalSignedUrl } from "./local.ts";
export {
  type ObjectKeyParts,
  objectKey,
  type ParsedObjectKey,
  parseObjectKey,
  validateKey,
  validatePrefix,
} from "./object-key.ts";
export { type S3DriverOptions, S3StorageDriver } from "./s3.ts";
export {
  type ByteRange,
  type GetResult,
  IntegrityError,
  InvalidKeyError,
  isObjectNotFound,
  type ListedObject,
  type ObjectInfo,
  ObjectNotFoundError,
  type PutOptions,
  RangeNotSatisfiableError,
  type SignedUrlOptions,
  type StorageDriver,
  StorageError,
  type StorageErrorCode,
  type StorageKind,
  UnsupportedOperationError,
} from "./storage.ts";
export { type SweepOptions, type SweepReport, sweepOrphans } from "./sweep.ts";
