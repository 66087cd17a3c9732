import SchoolIDBase

extension ChallengeService {
    /// Refuses a send that would exceed a quota or come within the cooldown.
    ///
    /// A window of `w` seconds at `now` covers sends at `now - w + 1 … now`. A limit of
    /// `n` is full when the `n`-th newest send in the window exists (at `t`); one more
    /// send fits once that send leaves the window, at `t + w`. The wait is the largest
    /// over every full limit, so retrying after it succeeds (absent other sends).
    /// - Throws: ``ThrottleError`` `.codeResendTooSoon` when the cooldown is the
    ///   binding limit, `.retryLater` when a quota is.
    func checkThrottles(destinationIndex: [UInt8], context: RequestContext, policy: OTPPolicy, now: UnixTime,
                        in store: any ChallengeReader) throws {
        var quotaWait: Int64 = 0
        let windows: [(seconds: Int64, destination: Int, address: Int)] = [
            (3600, policy.perDestination.perHour, policy.perAddress.perHour),
            (86_400, policy.perDestination.perDay, policy.perAddress.perDay),
        ]
        for window in windows {
            let since = now.adding(seconds: 1 - window.seconds)
            if let sent = try store.sendTime(toDestination: destinationIndex, since: since, rank: window.destination) {
                quotaWait = max(quotaWait, sent.adding(seconds: window.seconds).seconds(since: now))
            }
            if let sent = try store.sendTime(fromAddress: context.clientAddress, since: since, rank: window.address) {
                quotaWait = max(quotaWait, sent.adding(seconds: window.seconds).seconds(since: now))
            }
        }
        var cooldownWait: Int64 = 0
        let cooldown = policy.resendCooldownSeconds
        if let last = try store.sendTime(toDestination: destinationIndex, since: now.adding(seconds: 1 - cooldown),
                                         rank: 1) {
            cooldownWait = last.adding(seconds: cooldown).seconds(since: now)
        }
        if quotaWait > 0 || cooldownWait > 0 {
            throw ThrottleError(quotaWait > cooldownWait ? .retryLater : .codeResendTooSoon,
                                retryAfterSeconds: max(quotaWait, cooldownWait))
        }
    }

    /// Refuses an SMS once the service-wide hourly budget (`sms.global_per_hour`) is
    /// spent: SMS pumping spreads over many numbers, which per-number and per-address
    /// quotas do not catch. The wait is until the oldest counted send leaves the hour.
    /// - Throws: ``ThrottleError`` `.smsBudgetExhausted`.
    func checkSMSBudget(policy: OTPPolicy, now: UnixTime, in store: any ChallengeReader) throws {
        let budget = policy.sms.globalPerHour
        if let sent = try store.sendTime(channel: .sms, since: now.adding(seconds: 1 - 3600), rank: budget) {
            throw ThrottleError(.smsBudgetExhausted, retryAfterSeconds: sent.adding(seconds: 3600).seconds(since: now))
        }
    }
}
