export {
  type ResilientInformer,
  type ResilientInformerOptions,
  resilientInformer,
} from "./resilient-informer.ts";
