// Test support (not a test): what GCP would compute for the resources the GCP components declare,
// for Pulumi mocks (ids come from mock-graph's `<type>::<name>`).
import { type CallFn, installMocks, type StateFn } from "../shared/testing/mock-graph.ts";

export const PROJECT_NUMBER = "123456789012";
export const GCS_AGENT = `service-${PROJECT_NUMBER}@gs-project-accounts.iam.gserviceaccount.com`;
export const SQL_AGENT = `service-${PROJECT_NUMBER}@gcp-sa-cloud-sql.iam.gserviceaccount.com`;
export const REDIS_CA = "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n";

const gcpState: StateFn = (type, name, inputs) => {
  switch (type) {
    case "gcp:serviceaccount/account:Account":
      return {
        email: `${inputs.accountId}@${inputs.project}.iam.gserviceaccount.com`,
        name: `projects/${inputs.project}/serviceAccounts/${inputs.accountId}@${inputs.project}.iam.gserviceaccount.com`,
      };
    case "gcp:projects/serviceIdentity:ServiceIdentity":
      return { email: SQL_AGENT };
    case "gcp:sql/databaseInstance:DatabaseInstance":
      return {
        privateIpAddress: "10.50.128.3",
        connectionName: `${inputs.project}:${inputs.region}:${inputs.name}`,
      };
    case "gcp:redis/instance:Instance":
      return {
        host: "10.50.129.4",
        port: 6378,
        authString: `auth-${name}`,
        serverCaCerts: [{ cert: REDIS_CA }],
      };
    case "gcp:container/cluster:Cluster":
      return { endpoint: "34.0.0.1", masterAuth: { clusterCaCertificate: "Q0EtREFUQQ==" } };
    default:
      return {};
  }
};

const gcpCalls: CallFn = (token, inputs) => {
  if (token === "gcp:organizations/getProject:getProject") return { ...inputs, number: PROJECT_NUMBER };
  if (token === "gcp:storage/getProjectServiceAccount:getProjectServiceAccount") {
    return { ...inputs, emailAddress: GCS_AGENT };
  }
  return inputs;
};

export const installGcpMocks = () => installMocks(gcpState, gcpCalls);
