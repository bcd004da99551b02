/**
 * `npm run plan:comment`: prints the pull-request comment for the saved
 * plans. See command.ts for the files it reads.
 *
 *   node scripts/run.js src/review/cli.ts [--subtitle <text>] > comment.md
 */
import { planCommentCommand } from "./command";
import { processOutput } from "../cli/io";

process.exitCode = planCommentCommand(
  process.argv.slice(2),
  process.env,
  processOutput,
);
