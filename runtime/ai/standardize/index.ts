export { type FoundFormat, findAmounts, findDates } from "./formats.ts";
export {
  type Deviation,
  type DeviationKind,
  type StandardizationResult,
  standardize,
} from "./standardize.ts";
export { type SectionSpec, TEMPLATES, type Template } from "./templates.ts";
