export { databaseStepRecorder } from "./step-recorder.ts";
