import { join, sep } from "node:path";

/**
 * The file inside `root` that a request path names, or null when the path is malformed or would
 * leave `root`. The path is decoded before it is checked, because `%2e%2e%2f` is `../` to the file
 * system; any `..` segment is refused outright rather than normalised away.
 */
export function resolvePublicPath(root: string, requestPath: string): string | null {
  if (!requestPath.startsWith("/")) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  if (decoded.split("/").includes("..")) return null;
  const file = join(root, decoded.endsWith("/") ? `${decoded}index.html` : decoded);
  return file.startsWith(root + sep) ? file : null;
}
