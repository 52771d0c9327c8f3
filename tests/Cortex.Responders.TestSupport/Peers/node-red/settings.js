// Node-RED for the tests: loopback only, no editor, no telemetry; the port and the user folder come from the test.
module.exports = {
    uiHost: "127.0.0.1",
    uiPort: Number(process.env.CORTEX_TEST_NODE_RED_PORT),
    userDir: process.env.CORTEX_TEST_NODE_RED_DIR,
    flowFile: __dirname + "/flows.json",
    flowFilePretty: true,
    readOnly: true,
    httpAdminRoot: false,
    credentialSecret: false,
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
    logging: { console: { level: "info", metrics: false, audit: false } },
    functionGlobalContext: {},
};
