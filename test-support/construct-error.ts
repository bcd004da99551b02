/**
 * An entry point for scripts/run.js whose synth fails the way a construct
 * error does: an exception thrown while the stacks are built, here two
 * constructs of one name.
 */
import { App, TerraformStack } from "cdktf";

const app = new App();
new TerraformStack(app, "twice");
new TerraformStack(app, "twice");
app.synth();
