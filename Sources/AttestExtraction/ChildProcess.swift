import AttestCorpus
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a shell command in a process group of its own, feeds it standard
/// input and collects its output, with a deadline: at the deadline the whole
/// group is killed, so a hanging extractor (or one whose children hang)
/// never stops a run.
package enum ChildProcess {
    package struct Outcome {
        /// Exit status, or nil when it was killed by a signal.
        package var status: Int32?
        var signal: Int32?
        var timedOut = false
        var outputTooLarge = false
        package var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var launchError: String?
    }

    static let outputLimit = 256 << 20
    private static let spawnLock = NSLock()

    /// A started child: its pid and our ends of its three pipes.
    private struct Spawned {
        var pid: pid_t
        var input: Int32
        var output: Int32
        var errors: Int32
    }

    package static func run(_ command: String, environment: [String: String], input: [UInt8], timeout: Double)
        -> Outcome
    {
        var outcome = Outcome()
        signal(SIGPIPE, SIG_IGN)  // a child that closes its input early must not kill us
        let child: Spawned
        switch spawn(command, environment: environment) {
        case .failure(let problem):
            outcome.launchError = problem.message
            return outcome
        case .success(let started): child = started
        }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, timeout) * 1e9)
        exchange(child, input: input, deadline: deadline, into: &outcome)
        reap(child.pid, deadline: deadline, into: &outcome)
        return outcome
    }

    private struct LaunchProblem: Error {
        var message: String
    }

    /// Starts `/bin/sh -c command` in a process group of its own, with SIGPIPE
    /// back to its default, its standard streams on fresh pipes.
    private static func spawn(_ command: String, environment: [String: String]) -> Result<Spawned, LaunchProblem> {
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        // Pipes are made close-on-exec and the child spawned under one lock, so
        // that a child spawned by another thread never inherits these pipes.
        spawnLock.lock()
        defer { spawnLock.unlock() }
        guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            let problem = LaunchProblem(message: "cannot create pipes: \(String(cString: strerror(errno)))")
            for fd in inPipe + outPipe + errPipe where fd >= 0 { close(fd) }
            return .failure(problem)
        }
        for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(inPipe[1])
            close(outPipe[0])
            close(errPipe[0])
            return .failure(LaunchProblem(message: "cannot start /bin/sh: \(String(cString: strerror(spawned)))"))
        }
        return .success(Spawned(pid: pid, input: inPipe[1], output: outPipe[0], errors: errPipe[0]))
    }

    /// Writes `input` and reads both outputs until they close, the deadline
    /// passes or the output grows past the limit; closes our pipe ends.
    private static func exchange(_ child: Spawned, input: [UInt8], deadline: UInt64, into outcome: inout Outcome) {
        _ = fcntl(child.input, F_SETFL, fcntl(child.input, F_GETFL) | O_NONBLOCK)
        var written = 0
        var inputOpen = true
        if input.isEmpty {
            close(child.input)
            inputOpen = false
        }
        var openOut = true
        var openErr = true
        var buffer = [UInt8](repeating: 0, count: 65536)
        while openOut || openErr {
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= deadline {
                outcome.timedOut = true
                break
            }
            var fds: [pollfd] = []
            if openOut { fds.append(pollfd(fd: child.output, events: Int16(POLLIN), revents: 0)) }
            if openErr { fds.append(pollfd(fd: child.errors, events: Int16(POLLIN), revents: 0)) }
            if inputOpen { fds.append(pollfd(fd: child.input, events: Int16(POLLOUT), revents: 0)) }
            let wait = Int32(min(1000, max(1, (deadline - now) / 1_000_000)))
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 && errno != EINTR { break }
            for f in fds where f.revents != 0 {
                if f.fd == child.input {
                    let n = input.withUnsafeBytes {
                        write(child.input, $0.baseAddress! + written, min(65536, input.count - written))
                    }
                    if n > 0 { written += n }
                    if n < 0 && errno != EAGAIN && errno != EINTR || written >= input.count {
                        close(child.input)
                        inputOpen = false
                    }
                    continue
                }
                let n = buffer.withUnsafeMutableBytes { read(f.fd, $0.baseAddress!, 65536) }
                if n > 0 {
                    if f.fd == child.output {
                        outcome.stdout.append(contentsOf: buffer[0..<n])
                    } else {
                        outcome.stderr.append(contentsOf: buffer[0..<n])
                    }
                    if outcome.stdout.count + outcome.stderr.count > outputLimit { outcome.outputTooLarge = true }
                } else if n == 0 || errno != EAGAIN && errno != EINTR {
                    if f.fd == child.output { openOut = false } else { openErr = false }
                }
            }
            if outcome.outputTooLarge { break }
        }
        if inputOpen { close(child.input) }
        close(child.output)
        close(child.errors)
    }

    /// Waits for the exit, up to the deadline, then kills the whole group;
    /// records the status or the signal.
    private static func reap(_ pid: pid_t, deadline: UInt64, into outcome: inout Outcome) {
        var status: Int32 = 0
        if outcome.timedOut || outcome.outputTooLarge {
            kill(-pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        } else {
            while true {
                let r = waitpid(pid, &status, WNOHANG)
                if r == pid || (r < 0 && errno != EINTR) { break }
                if DispatchTime.now().uptimeNanoseconds >= deadline {
                    outcome.timedOut = true
                    kill(-pid, SIGKILL)
                    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                    break
                }
                usleep(1000)
            }
        }
        let termSignal = status & 0x7F
        if termSignal == 0 { outcome.status = (status >> 8) & 0xFF } else { outcome.signal = termSignal }
        // Whatever is left of the group goes too.
        kill(-pid, SIGKILL)
    }
}
