/** The longest text, in characters, that an error message or a body excerpt keeps. */
export const maxTextLength = 300

/**
 * `text` cut to `maxTextLength` characters, with a marker saying how much was cut, so that a
 * hostile name or body cannot make an error message huge. A surrogate pair is never split.
 */
export const clip = (text: string): string => {
  if (text.length <= maxTextLength) return text
  const code = text.charCodeAt(maxTextLength - 1)
  const end = code >= 0xd800 && code <= 0xdbff ? maxTextLength - 1 : maxTextLength
  return `${text.slice(0, end)}… (${text.length - end} more characters cut)`
}
