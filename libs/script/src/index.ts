export { SCRIPT_VARIABLES, SCRIPT_VARIABLE_NAMES, type ScriptVariable, type ScriptVariableName } from './variables.js';
export {
  VARIABLE_NAME_PATTERN,
  extractVariables,
  renderTemplate,
  validateTemplate,
  type RenderResult,
  type TemplateValidation,
  type TemplateValues,
} from './template.js';
export { pickVariant } from './variants.js';
