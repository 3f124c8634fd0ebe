package io.stagedoor.app.start;

/** Where the organiser is on the way into the workspace. */
public enum StartStep {
    /** Looking for a saved session. */
    RESUMING,
    /** Choose a server and sign in. */
    SIGN_IN,
    /** Create an organiser account; on a fresh local server, the first step of the guide. */
    CREATE_ACCOUNT,
    /** First run: offer a sample event. */
    SAMPLE_EVENT,
    /** First run: the sample event exists; show where its viewer page is. */
    VIEWER_PAGE
}
