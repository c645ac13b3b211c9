import { assertEquals } from "@std/assert";
import { lightLink } from "../../../static/src/link.ts";

Deno.test("lightLink() asks for a light page on Save-Data or a slow connection", () => {
  const cases: [
    Parameters<typeof lightLink>[0],
    ReturnType<typeof lightLink>,
  ][] = [
    [undefined, null], // no Network Information API: a fast link
    [{ effectiveType: "4g" }, null],
    [{ effectiveType: "4g", saveData: true }, "save-data"],
    [{ effectiveType: "3g" }, "slow-link"],
    [{ effectiveType: "2g" }, "slow-link"],
    [{ effectiveType: "slow-2g", saveData: true }, "save-data"],
    [{}, null],
  ];
  for (const [connection, reason] of cases) {
    assertEquals(lightLink(connection), reason, JSON.stringify(connection));
  }
});
