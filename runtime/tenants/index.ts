export { ensureAdminUsers } from "./admin-users.ts";
export { startDirectorySource } from "./directory-source.ts";
export { startKubernetesSource, type TenantSource } from "./kubernetes-source.ts";
export { type SetupLookup, SetupTokens } from "./setup-tokens.ts";
export { type TenantLog, TenantSync, type TenantSyncDeps } from "./tenant-sync.ts";
export { startTenantWatcher, type TenantWatcher, type TenantWatcherConfig } from "./watcher.ts";
