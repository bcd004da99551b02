/**
 * `npm run plan:comment`: prints the pull-request comment for the saved
 * plans. See command.ts for the files it reads.
 *
 *   node scripts/run.js src/review/cli.ts [--subtitle <text>] > comment.md
 */
import { planCommentCommand } from "./command";

process.exitCode = planCommentCommand(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
