/** The user name of `Authorization: Basic base64(user:password)`, as Segment's libraries send the write key. */
export function basicAuthUser(header: string | undefined): string | undefined {
  const encoded = header === undefined ? undefined : /^Basic +([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  return user === "" ? undefined : user;
}
