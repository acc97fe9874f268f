/**
 * The language the server answers in (CONTRACT.md "HTTP": one language per message, from
 * `Accept-Language`): the console's chosen locale, kept here by the i18n provider so the HTTP
 * client, outside React, can send it with every request.
 */
let current = 'fr';

export function requestLocale(): string {
  return current;
}

export function setRequestLocale(locale: string): void {
  current = locale;
}
