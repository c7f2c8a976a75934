// The countries whose phone numbers a runtime reads without a country code: those of the cloud
// region it serves (a pooled cell or a silo runs in one region; DESIGN.md "Fleet"). A document
// stored in eu-central-1 mostly carries German, Austrian and Swiss numbers written nationally.
import { type CountryCode, isSupportedCountry } from "libphonenumber-js/max";

// AWS, Azure and GCP region names, by their geographic part. Checked in order: the first pattern
// that matches wins, so specific ones come first.
const REGION_COUNTRIES: readonly [RegExp, readonly CountryCode[]][] = [
  [/^(?:us-gov|usgov)/, ["US"]],
  [/^(?:us|eastus|westus|centralus|northcentralus|southcentralus|westcentralus)/, ["US", "CA"]],
  [/^(?:ca-|canada|northamerica-northeast)/, ["CA", "US"]],
  [/^(?:sa-east|brazil|southamerica-east)/, ["BR"]],
  [/^(?:mx-|mexico|northamerica-south)/, ["MX", "US"]],
  [/^(?:eu-west-1|europe-west1$|northeurope|ireland)/, ["IE", "GB"]],
  [/^(?:eu-west-2|uk|europe-west2)/, ["GB", "IE"]],
  [/^(?:eu-west-3|france|europe-west9)/, ["FR", "BE", "LU", "MC"]],
  [/^(?:eu-central-1|germany|europe-west3|europe-west10)/, ["DE", "AT", "CH"]],
  [/^(?:eu-central-2|switzerland|europe-west6)/, ["CH", "DE", "AT", "FR", "IT"]],
  [/^(?:eu-south-1|italy|europe-west8)/, ["IT"]],
  [/^(?:eu-south-2|spain|europe-southwest1)/, ["ES", "PT"]],
  [/^(?:eu-north-1|sweden|europe-north1)/, ["SE", "FI", "NO", "DK"]],
  [/^(?:norway|europe-north2)/, ["NO", "SE", "DK"]],
  [/^(?:westeurope|europe-west4|netherlands)/, ["NL", "BE", "LU"]],
  [/^(?:poland|europe-central2)/, ["PL"]],
  [/^(?:eu-|europe)/, ["DE", "FR", "NL", "BE", "IE", "IT", "ES", "AT", "GB"]],
  [/^(?:me-central|uae|me-west)/, ["AE", "SA", "QA"]],
  [/^(?:il-|israel|me-west1)/, ["IL"]],
  [/^(?:af-south|southafrica|africa-south)/, ["ZA"]],
  [/^(?:ap-south-\d|centralindia|southindia|westindia|jioindia|asia-south)/, ["IN"]],
  [/^(?:ap-southeast-1|southeastasia|asia-southeast1)/, ["SG", "MY", "ID"]],
  [/^(?:ap-southeast-2|ap-southeast-4|australia)/, ["AU", "NZ"]],
  [/^(?:ap-southeast-3|asia-southeast2)/, ["ID"]],
  [/^(?:ap-northeast-1|ap-northeast-3|japan|asia-northeast1|asia-northeast2)/, ["JP"]],
  [/^(?:ap-northeast-2|korea|asia-northeast3)/, ["KR"]],
  [/^(?:ap-east|eastasia|asia-east2)/, ["HK"]],
  [/^(?:asia-east1)/, ["TW"]],
];

/**
 * Countries for `ExtractOptions.phoneCountries` from a cloud region name ("eu-central-1",
 * "westeurope", "europe-west3"); `extra` adds or overrides (ISO 3166-1 alpha-2, invalid codes are
 * an error). An unknown region gives `extra` alone: numbers in international form are found anyway.
 */
export function phoneCountriesForRegion(
  region: string | undefined,
  extra: readonly string[] = [],
): CountryCode[] {
  const bad = extra.filter((c) => !isSupportedCountry(c));
  if (bad.length > 0) {
    throw new RangeError(
      `phone countries must be ISO 3166-1 alpha-2 codes libphonenumber knows (US, GB, DE, ...), got ${bad.map((c) => JSON.stringify(c)).join(", ")}`,
    );
  }
  const lower = (region ?? "").toLowerCase();
  const fromRegion =
    lower === "" ? [] : (REGION_COUNTRIES.find(([pattern]) => pattern.test(lower))?.[1] ?? []);
  return [...new Set([...(extra as CountryCode[]), ...fromRegion])];
}
