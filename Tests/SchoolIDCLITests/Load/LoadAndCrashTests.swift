import Testing

/// The heavy suites of issue 12, one after the other (each measures the machine, so
/// they must not share it with each other): ``MixedLoadTests`` and ``KillCycleTests``.
/// Skipped unless `SCHOOLID_LOAD=1`; `Tests/run-all` runs them in its `timing, load and crash`
/// phase with `--filter SchoolIDCLITests.LoadAndCrashTests`.
@Suite(.serialized, .enabled(if: LoadSettings.enabled, "heavy: set SCHOOLID_LOAD=1 (Tests/run-all's timing, load and crash phase)"))
struct LoadAndCrashTests {}
