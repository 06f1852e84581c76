/** The widget tests run in web-test-runner's mocha, which provides these globals. */
/// <reference types="mocha" />
