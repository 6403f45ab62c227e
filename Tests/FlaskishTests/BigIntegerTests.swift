import Testing
@testable import Flaskish

/// ``BigInteger`` against values printed by CPython 3 (`python3 -c "print(...)"`), written
/// here literally so the tests need no Python.
struct BigIntegerTests {
    private func big(_ text: String) -> BigInteger { BigInteger(text)! }

    @Test func factorialsMatchPython() {
        func factorial(_ n: Int) -> BigInteger { (1...n).reduce(BigInteger(1)) { $0 * BigInteger($1) } }
        // math.factorial(25), (30), (50)
        #expect(factorial(25).description == "15511210043330985984000000")
        #expect(factorial(30).description == "265252859812191058636308480000000")
        #expect(factorial(50).description == "30414093201713378043612608166064768844377641568960512000000000000")
        // math.factorial(30) // math.factorial(25), math.factorial(50) % (2**64 + 1)
        #expect(factorial(30).floorDivided(by: factorial(25)).description == "17100720")
        #expect(factorial(50).modulo(big("18446744073709551617")).description == "8527909841321573527")
    }

    @Test func powersOfTwoAroundSixtyFourBits() {
        let two64 = BigInteger(2).power(64)!
        #expect(two64.description == "18446744073709551616")
        #expect((two64 - 1).description == "18446744073709551615")
        #expect((two64 + 1).description == "18446744073709551617")
        #expect(BigInteger(2).power(127)!.description == "170141183460469231731687303715884105728")
        #expect((BigInteger(2).power(127)! - 1).description == "170141183460469231731687303715884105727")
        // (2**64+1)*(2**64-1), 2**127+2**126-3 - 2**128
        #expect(((two64 + 1) * (two64 - 1)).description == "340282366920938463463374607431768211455")
        let mixed = BigInteger(2).power(127)! + BigInteger(2).power(126)! - 3 - BigInteger(2).power(128)!
        #expect(mixed.description == "-85070591730234615865843651857942052867")
        #expect(BigInteger(3).power(100)!.description == "515377520732011331036461129765621272702107522001")
        #expect(BigInteger(-3).power(101)!.description == "-1546132562196033993109383389296863818106322566003")
        #expect(BigInteger(10).power(38)!.description == "1" + String(repeating: "0", count: 38))
        #expect(BigInteger(7).power(0) == 1 && BigInteger(0).power(5) == 0 && BigInteger(-1).power(7) == -1)
    }

    @Test func intBoundariesConvertBack() {
        #expect(BigInteger(Int.min).description == "-9223372036854775808")
        #expect((BigInteger(Int.min) - 1).description == "-9223372036854775809")
        #expect(BigInteger(Int.min).int == Int.min && BigInteger(Int.max).int == Int.max)
        #expect((BigInteger(Int.min) - 1).int == nil && (BigInteger(Int.max) + 1).int == nil)
        #expect((BigInteger(Int.max) + 1 - 1).int == Int.max)
        #expect(BigInteger(Int.min).magnitude.description == "9223372036854775808")
        #expect(big("18446744073709551616").bitLength == 65 && BigInteger(0).bitLength == 0)
    }

    @Test(arguments: [
        // (a, b, a // b, a % b) from Python
        ("1000000000000000000000000000007", "1000000000000", "1000000000000000000", "7"),
        ("-1000000000000000000000000000007", "1000000000000", "-1000000000000000001", "999999999993"),
        ("1000000000000000000000000000007", "-1000000000000", "-1000000000000000001", "-999999999993"),
        ("-1000000000000000000000000000007", "-1000000000000", "1000000000000000000", "-7"),
        ("340282366920938463463374607431768211456", "18446744073709551617", "18446744073709551615", "1"),
        ("-340282366920938463463374607431768211456", "3", "-113427455640312821154458202477256070486", "2"),
        ("-7", "2", "-4", "1"),
        ("7", "-2", "-4", "-1"),
        ("5", "18446744073709551617", "0", "5"),
        ("-5", "18446744073709551617", "-1", "18446744073709551612"),
    ])
    func floorDivisionAndModuloHaveThePythonSigns(_ a: String, _ b: String, _ quotient: String, _ remainder: String) {
        let (q, r) = big(a).quotientAndRemainder(floorDividingBy: big(b))
        #expect(q.description == quotient)
        #expect(r.description == remainder)
        #expect(q * big(b) + r == big(a))
    }

    /// Division by many random-looking divisors: q * b + r == a and 0 <= r < b, which
    /// exercises algorithm D's correction steps.
    @Test func divisionIdentityHolds() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt32 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt32(truncatingIfNeeded: state >> 33)
        }
        for round in 0..<300 {
            let a = BigInteger(negative: round % 3 == 0, limbs: (0..<(1 + round % 9)).map { _ in next() })
            var divisorLimbs = (0..<(1 + round % 5)).map { _ in next() }
            if round % 7 == 0 { divisorLimbs[divisorLimbs.count - 1] = 0xFFFF_FFFF }
            if round % 11 == 0 { divisorLimbs = [0, 0, 0x8000_0000] }
            let b = BigInteger(negative: round % 4 == 1, limbs: divisorLimbs)
            guard !b.isZero else { continue }
            let (q, r) = a.quotientAndRemainder(floorDividingBy: b)
            #expect(q * b + r == a)
            #expect(r.isZero || r.isNegative == b.isNegative)
            #expect(r.magnitude < b.magnitude)
        }
    }

    @Test func parsingAndPrintingRoundTrip() {
        #expect(BigInteger("-0")!.description == "0")
        #expect(BigInteger("+00012")!.int == 12)
        #expect(BigInteger("1x") == nil && BigInteger("") == nil && BigInteger("-") == nil && BigInteger(" 1") == nil)
        let text = "123456789012345678901234567890123456789012345678901234567890"
        #expect(big(text).description == text && big("-" + text).description == "-" + text)
        #expect(big("1000000000000000000000000000000").description == "1000000000000000000000000000000")
        #expect(BigInteger("-99999999999999999999")! < BigInteger("-9")!)
        #expect(big("100000000000000000000") > big("99999999999999999999"))
    }

    /// Python: `int('1' * 5000)` and `str(10**5000)` raise ValueError past 4300 digits.
    @Test func decimalConversionsStopAtTheDigitLimit() throws {
        #expect(BigInteger(String(repeating: "7", count: 4300)) != nil)
        #expect(BigInteger(String(repeating: "0", count: 4301)) == nil)  // leading zeros count, as in Python
        #expect(throws: BigIntegerDigitLimitError(limit: 4300, digits: 5000)) {
            _ = try BigInteger(parsing: String(repeating: "1", count: 5000), maxDigits: 4300)
        }
        #expect(BigIntegerDigitLimitError(limit: 4300, digits: 5000).description
            == "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits")
        let largest = BigInteger(10).power(4300)! - 1  // 4300 nines
        #expect(try largest.decimalString(maxDigits: 4300).utf8.count == 4300)
        #expect(try (-largest).decimalString(maxDigits: 4300).utf8.count == 4301)
        #expect(throws: BigIntegerDigitLimitError(limit: 4300, digits: nil)) {
            _ = try BigInteger(10).power(4300)!.decimalString(maxDigits: 4300)
        }
        #expect(throws: BigIntegerDigitLimitError.self) { _ = try BigInteger(2).power(100_000)!.decimalString(maxDigits: 4300) }
    }

    @Test func powerStopsAtTheBitBound() {
        #expect(BigInteger(2).power(1_000_000_000, maxBitLength: 100_000) == nil)
        #expect(BigInteger(2).power(99_999, maxBitLength: 100_000)?.bitLength == 100_000)
        #expect(BigInteger(2).power(100_000, maxBitLength: 100_000) == nil)
        #expect(BigInteger(1).power(Int.max, maxBitLength: 10) == 1)
    }

    @Test func conversionToDoubleRoundsHalfToEven() {
        // float(...) in Python
        #expect(big("18446744073709551617").doubleValue == 1.8446744073709552e+19)
        #expect(big("9007199254740993").doubleValue == 9007199254740992.0)  // 2**53 + 1
        #expect(big("18014398509481987").doubleValue == 1.8014398509481988e+16)  // 2**54 + 3
        #expect(big("18014398509481986").doubleValue == 1.8014398509481984e+16)  // 2**54 + 2
        #expect(big("18014398509481990").doubleValue == 1.801439850948199e+16)  // 2**54 + 6
        #expect((-(BigInteger(2).power(70)! + BigInteger(2).power(17)!)).doubleValue == -1.1805916207174113e+21)
        #expect((BigInteger(2).power(70)! + BigInteger(2).power(17)! + 1).doubleValue == 1.1805916207174116e+21)
        #expect(BigInteger(10).power(308)!.doubleValue == 1e+308)
        #expect(BigInteger(3).power(600)!.doubleValue == 1.873927703884794e+286)
        #expect(BigInteger(-7).power(300)!.doubleValue == 3.38385702007491e+253)
        // 2**1024 - 2**970 - 1 is the largest int that still rounds to a finite float.
        let limit = BigInteger(2).power(1024)! - BigInteger(2).power(970)!
        #expect((limit - 1).doubleValue == 1.7976931348623157e+308)
        #expect(limit.doubleValue == .infinity && (-limit).doubleValue == -.infinity)
    }

    @Test func trueDivisionIsCorrectlyRounded() {
        // Python's int / int
        #expect(big("18446744073709551617").trueDivided(by: 3) == 6.148914691236517e+18)
        #expect(big("100000000000000000000").trueDivided(by: big("18446744073709551616")) == 5.421010862427522)
        #expect(big("-10000000000000000000000000").trueDivided(by: 7) == -1.4285714285714285e+24)
        #expect(BigInteger(10).power(40)!.trueDivided(by: 3) == 3.333333333333333e+39)
        #expect(BigInteger(10).power(309)!.trueDivided(by: BigInteger(10).power(300)!) == 1000000000.0)
        #expect(BigInteger(10).power(30)!.trueDivided(by: BigInteger(7) * BigInteger(10).power(330)!) == 1.4285714285714285e-301)
        #expect((BigInteger(5) * BigInteger(10).power(15)!).trueDivided(by: BigInteger(10).power(340)!) == 0.0)
        #expect(BigInteger(2).power(100)!.trueDivided(by: BigInteger(2).power(1174)!) == Double.leastNonzeroMagnitude)  // 5e-324
        #expect((BigInteger(3) * BigInteger(2).power(100)!).trueDivided(by: BigInteger(2).power(1175)!) == 2 * Double.leastNonzeroMagnitude)  // 1e-323
        // Python: OverflowError "integer division result too large for a float".
        #expect(BigInteger(10).power(400)!.trueDivided(by: 3) == .infinity)
    }

    @Test func comparisonWithDoublesIsExact() {
        let twoTo53 = BigInteger(2).power(53)!
        #expect((twoTo53 + 1).compare(to: 0x1p53) == 1)  // 2**53 + 1 > 2.0**53
        #expect(BigInteger(2).power(64)!.compare(to: 0x1p64) == 0)
        #expect(BigInteger(10).power(400)!.compare(to: 1e308) == 1)
        #expect((-BigInteger(10).power(400)!).compare(to: -1e308) == -1)
        #expect((BigInteger(2).power(64)! + 1).compare(to: 0x1p64 + 4096) == -1)
        #expect(BigInteger(10).power(400)!.compare(to: .infinity) == -1)
        #expect(BigInteger(3).compare(to: 2.5) == 1 && BigInteger(2).compare(to: 2.5) == -1 && BigInteger(-3).compare(to: -2.5) == -1)
        #expect(BigInteger(1).compare(to: .nan) == nil)
    }

    @Test func doublesTruncateToExactIntegers() {
        // int(1e300), int(-2.0**80)
        #expect(BigInteger(truncating: 1e300)?.description
            == "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160")
        #expect(BigInteger(truncating: -0x1p80)?.description == "-1208925819614629174706176")
        #expect(BigInteger(truncating: -2.7) == -2 && BigInteger(truncating: .infinity) == nil && BigInteger(truncating: .nan) == nil)
        #expect(BigInteger(exactly: 2.5) == nil && BigInteger(exactly: 0x1p64) == BigInteger(2).power(64))
    }
}
