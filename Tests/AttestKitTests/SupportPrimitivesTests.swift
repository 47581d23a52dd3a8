import Foundation
import Testing

@testable import AttestSupport

/// The small pieces every layer leans on, each against a hand-written answer.
@Suite struct SupportPrimitivesTests {
    /// Paths are joined as the system reads them: bytes split at `/`.
    @Test(arguments: [
        ("/a/b", "c.txt", "/a/b/c.txt"),
        ("/a/b", "../c.txt", "/a/c.txt"),
        ("/a/b", "./c/./d", "/a/b/c/d"),
        ("/a/b", "/x//y/../z", "/x/z"),
        ("/a", "../../..", "/"),
        ("/a/b/", "c/", "/a/b/c"),
        ("/", "", "/"),
        ("/a", "...", "/a/..."),
        ("/a", "..b/.c", "/a/..b/.c"),
        ("/corpus", "“Ann” — 🚢.txt", "/corpus/“Ann” — 🚢.txt"),
        // A `/` followed by a combining mark is still a separator for the system.
        ("/a", "b/\u{301}c", "/a/b/\u{301}c"),
        ("/a", "/\u{301}/..", "/"),
    ])
    func join(folder: String, relative: String, expected: String) {
        #expect(FileBytes.join(folder, relative) == expected)
    }

    @Test func lastComponent() {
        #expect(FileBytes.lastComponent(of: "/a/b/c.xml") == "c.xml")
        #expect(FileBytes.lastComponent(of: "c.xml") == "c.xml")
        #expect(FileBytes.lastComponent(of: "/a/b/") == "b")
        #expect(FileBytes.lastComponent(of: "/corpus/“Ann” — 🚢.xml") == "“Ann” — 🚢.xml")
        #expect(FileBytes.lastComponent(of: "/") == "/")
    }

    /// A file's first bytes: no more than asked, all of a shorter file, and what `read` refuses.
    @Test func prefixOfAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-prefix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }  // deliberate: cleanup
        let file = folder.appendingPathComponent("f.txt").path
        let bytes = Array("“Ann” — 🚢 and more".utf8)
        #expect(FileManager.default.createFile(atPath: file, contents: Data(bytes)))
        guard case .bytes(let five) = FileBytes.prefix(file, count: 5) else {
            Issue.record("no prefix")
            return
        }
        #expect(five == Array(bytes.prefix(5)))
        guard case .bytes(let all) = FileBytes.prefix(file, count: 1 << 20) else {
            Issue.record("no prefix")
            return
        }
        #expect(all == bytes)
        guard case .missing = FileBytes.prefix(folder.appendingPathComponent("none").path, count: 5) else {
            Issue.record("a missing file read")
            return
        }
        guard case .failed(let why) = FileBytes.prefix(folder.path, count: 5) else {
            Issue.record("a folder read")
            return
        }
        #expect(why.contains("folder"))
    }

    @Test func folderOf() {
        #expect(FileBytes.folder(of: "/a/b/c.xml") == "/a/b")
        #expect(FileBytes.folder(of: "/c.xml") == "/")
        #expect(FileBytes.folder(of: "c.xml") == ".")
        #expect(FileBytes.folder(of: "/a/🚢/“x”.xml") == "/a/🚢")
        #expect(FileBytes.folder(of: "/a/b/\u{301}c") == "/a/b")
    }

    @Test func digitsInPlace() {
        func value(_ s: String) -> Int? {
            Array(s.utf8).withUnsafeBufferPointer { Digits.value($0) }
        }
        #expect(value("0") == 0)
        #expect(value("1234") == 1234)
        #expect(value("123456789012345678") == 123_456_789_012_345_678)
        #expect(value("1234567890123456789") == nil)  // 19 digits
        #expect(value("") == nil)
        #expect(value("+1") == nil)
        #expect(value(" 1") == nil)
        #expect(value("1a") == nil)
        #expect(value("/") == nil)  // the byte below "0"
        #expect(value(":") == nil)  // the byte above "9"
    }

    /// Items of very different cost: every result lands in its item's place and each item is
    /// transformed exactly once, whichever worker takes it (a worker that starts late may find every
    /// run taken: how many workers took part is the machine's business, not asserted).
    @Test func concurrentMapKeepsOrderAndRunsEachOnce() {
        let count = 5_003
        let calls = ResultSlots<Int>(count: count, initial: 0)
        let items = Array(0..<count)
        let results = ConcurrentMap.map(
            items, jobs: 4, state: { UUID().hashValue },
            { item, _ -> Int in
                calls[item] += 1
                // The first items are slow: the runs after them go to whichever worker is free.
                if item < 20 { usleep(200) }
                return item * 3
            })
        #expect(results == items.map { $0 * 3 })
        #expect(calls.values.allSatisfy { $0 == 1 })
        #expect(ConcurrentMap.map([Int](), jobs: 4, state: { 0 }, { item, _ in item }).isEmpty)
        #expect(ConcurrentMap.map([7], jobs: 4, state: { 0 }, { item, _ in item + 1 }) == [8])
    }
}

/// The eight-at-a-time runs against the byte-at-a-time definition, on every byte value at every
/// position of a stretch and on random bytes.
@Suite struct ByteRunsTests {
    static func plainByHand(_ bytes: [UInt8], _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        bytes.firstIndex { $0 < 0x20 || $0 >= 0x80 || $0 == a || $0 == b || $0 == c } ?? bytes.count
    }

    @Test func plainRunsStopWhereTheFirstSpecialByteCouldBe() {
        for value in 0...255 {
            for position in 0..<24 {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 24)
                bytes[position] = UInt8(value)
                let expected = Self.plainByHand(bytes, 0x22, 0x3C, 0x26)
                let run = bytes.withUnsafeBufferPointer {
                    ByteRuns.plainASCII($0.baseAddress!, from: 0, to: 24, except: 0x22, 0x3C, 0x26)
                }
                // Never past the first special byte, and never more than seven short of it.
                #expect(run <= expected && run > expected - 8, "byte \(value) at \(position): \(run) vs \(expected)")
                let asciiRun = bytes.withUnsafeBufferPointer { ByteRuns.ascii($0.baseAddress!, from: 0, to: 24) }
                let firstHigh = bytes.firstIndex { $0 >= 0x80 } ?? 24
                #expect(asciiRun <= firstHigh && asciiRun > firstHigh - 8)
            }
        }
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in
                Bool.random(using: &rng)
                    ? UInt8.random(in: 0x20...0x7E, using: &rng) : UInt8.random(in: 0...255, using: &rng)
            }
            let start = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            let expected = start + Self.plainByHand(Array(bytes[start...]), 0x5D, 0x3C, 0x26)
            let run = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map {
                    ByteRuns.plainASCII($0, from: start, to: bytes.count, except: 0x5D, 0x3C, 0x26)
                }
                    ?? 0
            }
            #expect(run <= expected && run > expected - 8)
        }
    }
}
