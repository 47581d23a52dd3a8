import AttestModel

/// Orders ids so that `e2` comes before `e10`.
enum IDOrder {
    static func key(_ id: String) -> IDKey {
        let prefix = id.prefix { !$0.isNumber }
        let digits = id.dropFirst(prefix.count)
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let n = Int(digits) {
            return IDKey(prefix: String(prefix), number: n, rest: "")
        }
        return IDKey(prefix: id, number: -1, rest: id)
    }

    struct IDKey: Comparable {
        var prefix: String
        var number: Int
        var rest: String
        static func < (a: IDKey, b: IDKey) -> Bool { (a.prefix, a.number, a.rest) < (b.prefix, b.number, b.rest) }
    }
}
