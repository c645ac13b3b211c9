/**
 * A `deno lint` plugin for the project's shape (../shared/STYLE.md): no
 * source file over 350 lines, no function over 80, and `lib/input/` (bytes →
 * pixels) importing nothing from the server's side of `lib/`.
 *
 * @module
 */

/** Longest function or component, in lines. */
export const MAX_FUNCTION_LINES = 80;
/** Longest source file, in lines. */
export const MAX_FILE_LINES = 350;

// the folders of lib/ that only the server runs: lib/input must not reach them
const ROOT = new URL("../../", import.meta.url).pathname;
const SERVER_SIDE = /^lib\/(serve|runtime|http|v2|drawings|worker)\//;

function lineCount(text: string, [start, end]: Deno.lint.Range): number {
  let lines = 1;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}

function resolved(from: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return new URL(specifier, `file://${from}`).pathname;
}

const plugin: Deno.lint.Plugin = {
  name: "structure",
  rules: {
    "max-function-lines": {
      create(context) {
        const check = (node: Deno.lint.Node) => {
          const lines = lineCount(context.sourceCode.text, node.range);
          if (lines > MAX_FUNCTION_LINES) {
            context.report({
              node,
              message:
                `A function of ${lines} lines: split it (at most ${MAX_FUNCTION_LINES})`,
            });
          }
        };
        return {
          FunctionDeclaration: check,
          FunctionExpression: check,
          ArrowFunctionExpression: check,
        };
      },
    },
    "max-file-lines": {
      create(context) {
        return {
          Program(node) {
            const lines = context.sourceCode.text.split("\n").length - 1;
            if (lines > MAX_FILE_LINES) {
              context.report({
                node,
                range: [0, 0],
                message:
                  `A file of ${lines} lines: split it along a seam (at most ${MAX_FILE_LINES})`,
              });
            }
          },
        };
      },
    },
    "input-knows-no-server": {
      create(context) {
        if (!context.filename.startsWith(`${ROOT}lib/input/`)) return {};
        const check = (
          node: Deno.lint.Node & { source: { value: string } | null },
        ) => {
          if (!node.source) return;
          const target = resolved(context.filename, node.source.value);
          if (SERVER_SIDE.test(target.slice(ROOT.length))) {
            context.report({
              node,
              message:
                `lib/input turns bytes into pixels and imports nothing from the server's side (${node.source.value})`,
            });
          }
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
        };
      },
    },
  },
};

export default plugin;
