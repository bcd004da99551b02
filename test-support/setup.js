// Registers cdktf's Testing matchers (toHaveResourceWithProperties, ...).
const { Testing } = require("cdktf");
Testing.setupJest();
