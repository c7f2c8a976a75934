// Test support (not a test): what Azure would compute for the resources the Azure components
// declare, for Pulumi mocks (ids come from mock-graph's `<type>::<name>`).
import { type CallFn, installMocks, type StateFn } from "../shared/testing/mock-graph.ts";

export const AZURE_TENANT_ID = "00000000-0000-4000-8000-00000000aad1";
export const SUBSCRIPTION_ID = "00000000-0000-4000-8000-0000000000s1";
export const KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\n";

const azureState: StateFn = (type, name, inputs) => {
  switch (type) {
    case "azure-native:keyvault:Vault":
      return {
        name: inputs.vaultName,
        properties: {
          ...(inputs.properties as object),
          vaultUri: `https://${inputs.vaultName}.vault.azure.net/`,
        },
      };
    case "azure-native:keyvault:Key":
      return {
        keyUri: `https://vault.example/keys/${inputs.keyName}`,
        keyUriWithVersion: `https://vault.example/keys/${inputs.keyName}/v1`,
        name: inputs.keyName,
      };
    case "azure-native:managedidentity:UserAssignedIdentity":
      return { principalId: `principal-${name}`, clientId: `client-${name}`, name: inputs.resourceName };
    case "azure-native:dbforpostgresql:Server":
      return {
        fullyQualifiedDomainName: `${inputs.serverName}.postgres.database.azure.com`,
        name: inputs.serverName,
      };
    case "azure-native:redis:Redis":
      return {
        hostName: `${inputs.name}.redis.cache.windows.net`,
        accessKeys: { primaryKey: `redis-key-${name}`, secondaryKey: "unused" },
      };
    case "azure-native:containerservice:ManagedCluster":
      return {
        name: inputs.resourceName,
        oidcIssuerProfile: { enabled: true, issuerURL: `https://oidc.example/${name}/` },
      };
    case "azure-native:storage:StorageAccount":
      return { name: inputs.accountName };
    case "azure-native:storage:BlobContainer":
      return { name: inputs.containerName };
    case "azure-native:storage:EncryptionScope":
      return { name: inputs.encryptionScopeName };
    case "azure-native:resources:ResourceGroup":
      return { name: inputs.resourceGroupName };
    case "azure-native:network:VirtualNetwork":
      return { name: inputs.virtualNetworkName };
    case "azure-native:network:PrivateEndpoint":
      return { name: name };
    case "azure-native:dbforpostgresql:Database":
      return { name: inputs.databaseName };
    default:
      return {};
  }
};

const azureCalls: CallFn = (token, inputs) => {
  if (token === "azure-native:authorization:getClientConfig") {
    return {
      tenantId: AZURE_TENANT_ID,
      subscriptionId: SUBSCRIPTION_ID,
      clientId: "deployer",
      objectId: "deployer-oid",
    };
  }
  if (token === "azure-native:containerservice:listManagedClusterUserCredentials") {
    return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(KUBECONFIG).toString("base64") }] };
  }
  return inputs;
};

export const installAzureMocks = () => installMocks(azureState, azureCalls);
