/** Format Document for models: SQL laid out by sql-formatter, Jinja kept byte for byte, refused when unsafe. */
export { formatModel, type FormatOptions, type FormatPlace, type FormatResult } from './formatModel';
export { verifyFormatting, type Verdict } from './verify';
