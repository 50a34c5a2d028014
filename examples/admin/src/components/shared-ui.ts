export { ErrorMessage } from '../../../web/src/components/error-message';
export { Field } from '../../../web/src/components/field';
