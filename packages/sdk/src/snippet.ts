/**
 * The async snippet for a site's <head>: a `touchpoint` stub (a Proxy, so it needs no list of
 * methods) that queues every call with its time and holds the write key, and the
 * script tag, loaded without blocking the page (a dynamically added script is async). The script
 * replays the queue in order with the original timestamps (script-tag.ts). Under Trusted Types
 * the script's URL goes through a policy named `touchpoint` (a site that lists allowed policies
 * adds it). With a real write key and endpoint the text stays under 400 bytes.
 */
export function snippet(writeKey: string, endpoint: string): string {
  const args = JSON.stringify([writeKey, endpoint.replace(/\/+$/, "")])
    .slice(1, -1)
    .replace(/</g, "\\u003c");
  return `<script>!function(w,d,k,e,q,s){w.touchpoint||(q=[],w.touchpoint=new Proxy({q,k},{get:(o,m)=>o[m]||((...a)=>q.push([m,a,+new Date]))}),s=d.createElement("script"),e+="/sdk/touchpoint.js",s.src=w.trustedTypes?.createPolicy("touchpoint",{createScriptURL:x=>x}).createScriptURL(e)||e,d.head.append(s))}(window,document,${args})</script>`;
}
