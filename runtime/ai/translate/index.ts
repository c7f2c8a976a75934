export {
  HOW_TO_CONFIGURE,
  openAiCompatible,
  type Translation,
  TranslationEnvSchema,
  type TranslationProvider,
  type TranslationRequest,
  TranslationUnavailableError,
  translationFromEnv,
} from "./translate.ts";
