import Testing
@testable import Flaskish

struct JSONValueSerializationTests {
    /// Left: a double; right: what Python's `json.dumps` (that is, `repr(float)`) prints.
    @Test(arguments: [
        (0.0, "0.0"), (-0.0, "-0.0"), (1.0, "1.0"), (0.1, "0.1"), (0.3, "0.3"), (4.35, "4.35"),
        (1e16, "1e+16"), (1e15, "1000000000000000.0"), (9999999999999998.0, "9999999999999998.0"),
        (1.5e-07, "1.5e-07"), (Double.leastNonzeroMagnitude, "5e-324"), (1e22, "1e+22"), (1e21, "1e+21"),
        (1.2345678901234568e+20, "1.2345678901234568e+20"), (1e-4, "0.0001"), (1e-5, "1e-05"),
        (0.00012, "0.00012"), (123.456, "123.456"), (2.5, "2.5"), (1.0 / 3.0, "0.3333333333333333"),
        (-1e-300, "-1e-300"), (1.7976931348623157e308, "1.7976931348623157e+308"), (100.0, "100.0"),
        (12345678.9, "12345678.9"), (9007199254740992.0, "9007199254740992.0"),
        (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"), (Double.nan, "NaN"),
    ])
    func doublesPrintLikePythonRepr(value: Double, python: String) {
        #expect(JSONValue.double(value).serializedString(options: .socketIO) == python)
    }

    /// Random bit patterns and powers of ten, with `json.dumps(v)` from CPython 3.11.
    static let pythonDoubles: [(Double, String)] = [
        (Double(bitPattern: 0xf2a74de452e6b438), "-1.989032661366619e+244"),
        (Double(bitPattern: 0x6513270e269e0d37), "7.761117632285041e+178"),
        (Double(bitPattern: 0x0c5c7fd0a6a3a450), "3.980498358697587e-249"),
        (Double(bitPattern: 0xd23f0824128b2f33), "-1.5432835417340557e+88"),
        (Double(bitPattern: 0x1818e811892f902b), "1.3647584518757569e-192"),
        (Double(bitPattern: 0x9531985d5d9dc9f8), "-1.3701135617873088e-206"),
        (Double(bitPattern: 0xe8e25d940ed90475), "-1.7160537630466207e+197"),
        (Double(bitPattern: 0x36f675cc81e74ef5), "6.294675241195386e-44"),
        (Double(bitPattern: 0x1600a35a099950d8), "1.0613447212142254e-202"),
        (Double(bitPattern: 0x6b0d549b6f03675a), "4.708325160387546e+207"),
        (Double(bitPattern: 0x3d9c172411e20b8f), "6.387016158513563e-12"),
        (Double(bitPattern: 0x8d116ece1738f7d9), "-9.973130378568733e-246"),
        (Double(bitPattern: 0x0f21ddb66cad4a26), "8.779753225680271e-236"),
        (Double(bitPattern: 0x90c192cfd3ac94af), "-5.795503248498993e-228"),
        (Double(bitPattern: 0xf28c105d1fb17c23), "-5.988180159386011e+243"),
        (Double(bitPattern: 0xa170b33839263059), "-1.306052388527796e-147"),
        (Double(bitPattern: 0x953f48f1a09f76b5), "-2.436117699484841e-206"),
        (Double(bitPattern: 0x0fd630f1f29d0da9), "2.233386999150174e-232"),
        (Double(bitPattern: 0x95e60af593bd04cf), "-3.51527970626667e-203"),
        (Double(bitPattern: 0x0cb1e29c658cda14), "1.5987381841032883e-247"),
        (Double(bitPattern: 0x3898d190f9ebdacc), "4.6678633181812096e-36"),
        (Double(bitPattern: 0x8e81973e0becd7b0), "-8.441872792105456e-239"),
        (Double(bitPattern: 0x2217beaddbc496cb), "1.9015657400796622e-144"),
        (Double(bitPattern: 0x6b4cb2424a23d596), "7.370437700706684e+208"),
        (Double(bitPattern: 0x8a6a63ec24ede6a4), "-1.7163996725272777e-258"),
        (Double(bitPattern: 0x922766581e27a1c0), "-3.2367190832119987e-221"),
        (Double(bitPattern: 0x8f6d05584ef8aa38), "-2.2818334634712625e-234"),
        (Double(bitPattern: 0xae97ba94d0eda82f), "-3.0536383926309363e-84"),
        (Double(bitPattern: 0x1a61dbe22e44158b), "1.3449551894627777e-181"),
        (Double(bitPattern: 0x923a736994e3bf91), "-7.317495976062606e-221"),
        (Double(bitPattern: 0x301850c5a38fd547), "5.249822308814304e-77"),
        (Double(bitPattern: 0x18f135d25f557203), "1.5450754142984396e-188"),
        (Double(bitPattern: 0xb64ce4228c38fb29), "-3.953625698224792e-47"),
        (Double(bitPattern: 0x907a70c31012f037), "-2.72491267476498e-229"),
        (Double(bitPattern: 0x9e7769b10f4205b4), "-6.505141861548772e-162"),
        (Double(bitPattern: 0x7f15052434b9b5df), "1.441484839555994e+304"),
        (Double(bitPattern: 0x881ed162ae2eb154), "-1.4583679262758548e-269"),
        (Double(bitPattern: 0xc6f877186d76b07e), "-7.939416668807721e+33"),
        (Double(bitPattern: 0x7731af10506bf2ef), "1.4255183989699612e+266"),
        (Double(bitPattern: 0xec66a78795e761d1), "-1.525315701232403e+214"),
        (Double(bitPattern: 0x5c90a9587403e430), "7.750545741548908e+137"),
        (Double(bitPattern: 0x3f98e2774cbd87ad), "0.024301399287089676"),
        (Double(bitPattern: 0x2e05319acb5c7427), "5.326960081783017e-87"),
        (Double(bitPattern: 0xc7a2ea20b2f14c94), "-1.2570882301712172e+37"),
        (Double(bitPattern: 0x14f4733f3e7d1bfb), "9.952684009002448e-208"),
        (Double(bitPattern: 0x4cdd2055930d6eaf), "1.8721667527122837e+62"),
        (Double(bitPattern: 0x7ebff20686734721), "3.422978398947072e+302"),
        (Double(bitPattern: 0x57ee05cde00902c7), "3.6967297937384553e+115"),
        (Double(bitPattern: 0x72e6cc3ababced20), "3.113284956169447e+245"),
        (Double(bitPattern: 0x9be4bcfc49b64a08), "-2.6202582260546103e-174"),
        (Double(bitPattern: 0x12bd4acefaecbd38), "2.0745096302730225e-218"),
        (Double(bitPattern: 0x830e07bc1e398f10), "-5.877500503097409e-294"),
        (Double(bitPattern: 0x2a3af4d46b0a18e8), "2.938345597354166e-105"),
        (Double(bitPattern: 0x5790f82ec1d3fcff), "6.529598674765832e+113"),
        (Double(bitPattern: 0xeeeacbe226e87555), "-1.9837344250050814e+226"),
        (Double(bitPattern: 0x6bf46c697d2caf82), "1.0743030475716402e+212"),
        (Double(bitPattern: 0xf646e1f40a097c97), "-5.629271400715247e+261"),
        (Double(bitPattern: 0x13deef86ab1031d0), "5.743310614918485e-213"),
        (Double(bitPattern: 0x8ede0d7ac3baea9e), "-4.61515470702556e-237"),
        (Double(bitPattern: 0xca02135e92b1d3f2), "-3.302201168194502e+48"),
        (Double(bitPattern: 0x3e45798ee2308c3a), "1e-08"),
        (Double(bitPattern: 0x3e4a82bc4b32f8e2), "1.2344999999999999e-08"),
        (Double(bitPattern: 0x3e7ad7f29abcaf48), "1e-07"),
        (Double(bitPattern: 0x3e8091b5aeffdb8d), "1.2344999999999998e-07"),
        (Double(bitPattern: 0x3eb0c6f7a0b5ed8d), "1e-06"),
        (Double(bitPattern: 0x3eb4b6231abfd270), "1.2344999999999998e-06"),
        (Double(bitPattern: 0x3ee4f8b588e368f1), "1e-05"),
        (Double(bitPattern: 0x3ee9e3abe16fc70d), "1.2345e-05"),
        (Double(bitPattern: 0x3f1a36e2eb1c432d), "0.0001"),
        (Double(bitPattern: 0x3f202e4b6ce5dc68), "0.00012345"),
        (Double(bitPattern: 0x3f50624dd2f1a9fc), "0.001"),
        (Double(bitPattern: 0x3f5439de481f5382), "0.0012345"),
        (Double(bitPattern: 0x3f847ae147ae147b), "0.01"),
        (Double(bitPattern: 0x3f894855da272863), "0.012345"),
        (Double(bitPattern: 0x3fb999999999999a), "0.1"),
        (Double(bitPattern: 0x3fbf9a6b50b0f27c), "0.12345"),
        (Double(bitPattern: 0x3ff0000000000000), "1.0"),
        (Double(bitPattern: 0x3ff3c083126e978d), "1.2345"),
        (Double(bitPattern: 0x4024000000000000), "10.0"),
        (Double(bitPattern: 0x4028b0a3d70a3d70), "12.344999999999999"),
        (Double(bitPattern: 0x4059000000000000), "100.0"),
        (Double(bitPattern: 0x405edccccccccccc), "123.44999999999999"),
        (Double(bitPattern: 0x408f400000000000), "1000.0"),
        (Double(bitPattern: 0x40934a0000000000), "1234.5"),
        (Double(bitPattern: 0x40c3880000000000), "10000.0"),
        (Double(bitPattern: 0x40c81c8000000000), "12345.0"),
        (Double(bitPattern: 0x40f86a0000000000), "100000.0"),
        (Double(bitPattern: 0x40fe23a000000000), "123450.0"),
        (Double(bitPattern: 0x412e848000000000), "1000000.0"),
        (Double(bitPattern: 0x4132d64400000000), "1234500.0"),
        (Double(bitPattern: 0x416312d000000000), "10000000.0"),
        (Double(bitPattern: 0x41678bd500000000), "12345000.0"),
        (Double(bitPattern: 0x4197d78400000000), "100000000.0"),
        (Double(bitPattern: 0x419d6eca40000000), "123450000.0"),
        (Double(bitPattern: 0x41cdcd6500000000), "1000000000.0"),
        (Double(bitPattern: 0x41d2653e68000000), "1234500000.0"),
        (Double(bitPattern: 0x4202a05f20000000), "10000000000.0"),
        (Double(bitPattern: 0x4206fe8e02000000), "12345000000.0"),
        (Double(bitPattern: 0x42374876e8000000), "100000000000.0"),
        (Double(bitPattern: 0x423cbe3182800000), "123450000000.0"),
        (Double(bitPattern: 0x426d1a94a2000000), "1000000000000.0"),
        (Double(bitPattern: 0x4271f6def1900000), "1234500000000.0"),
        (Double(bitPattern: 0x42a2309ce5400000), "10000000000000.0"),
        (Double(bitPattern: 0x42a67496adf40000), "12345000000000.0"),
        (Double(bitPattern: 0x42d6bcc41e900000), "100000000000000.0"),
        (Double(bitPattern: 0x42dc11bc59710000), "123450000000000.0"),
        (Double(bitPattern: 0x430c6bf526340000), "1000000000000000.0"),
        (Double(bitPattern: 0x43118b15b7e6a000), "1234500000000000.0"),
        (Double(bitPattern: 0x4341c37937e08000), "1e+16"),
        (Double(bitPattern: 0x4345eddb25e04800), "1.2345e+16"),
        (Double(bitPattern: 0x4376345785d8a000), "1e+17"),
        (Double(bitPattern: 0x437b6951ef585a00), "1.2345e+17"),
        (Double(bitPattern: 0x43abc16d674ec800), "1e+18"),
        (Double(bitPattern: 0x43b121d335973840), "1.2345e+18"),
        (Double(bitPattern: 0x43e158e460913d00), "1e+19"),
        (Double(bitPattern: 0x43e56a4802fd0650), "1.2345e+19"),
        (Double(bitPattern: 0x4415af1d78b58c40), "1e+20"),
        (Double(bitPattern: 0x441ac4da03bc47e4), "1.2345e+20"),
        (Double(bitPattern: 0x444b1ae4d6e2ef50), "1e+21"),
        (Double(bitPattern: 0x4450bb084255acee), "1.2345e+21"),
        (Double(bitPattern: 0x4480f0cf064dd592), "1e+22"),
        (Double(bitPattern: 0x4484e9ca52eb182a), "1.2345e+22"),
        (Double(bitPattern: 0x44b52d02c7e14af7), "1.0000000000000001e+23"),
        (Double(bitPattern: 0x44ba243ce7a5de35), "1.2345e+23"),
        (Double(bitPattern: 0x44ea784379d99db4), "1e+24"),
        (Double(bitPattern: 0x44f056a610c7aae1), "1.2345e+24"),
    ]

    @Test func randomDoublesPrintLikePython() {
        for (value, python) in Self.pythonDoubles {
            #expect(JSONValue.double(value).serializedString(options: .socketIO) == python)
        }
    }

    @Test(arguments: [
        (0, "0"), (7, "7"), (-7, "-7"), (1234567890, "1234567890"),
        (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
    ])
    func integersPrintInDecimal(value: Int, python: String) {
        #expect(JSONValue.int(value).serializedString(options: .socketIO) == python)
    }

    @Test func stringsEscapeLikePythonWithEnsureASCII() {
        let value = JSONValue.string("\"\\/\u{08}\u{0C}\n\r\t\u{0}\u{1F}\u{7F}\u{80}\u{2028}\u{FFFF}\u{10000}\u{10FFFF}")
        // json.dumps("\"\\/\b\f\n\r\t\x00\x1f\x7f\x80\u2028\uffff\U00010000\U0010ffff")
        let python = #""\"\\/\b\f\n\r\t\u0000\u001f\u007f\u0080\u2028\uffff\ud800\udc00\udbff\udfff""#
        #expect(value.serializedString(options: .socketIO) == python)
    }

    @Test func stringsKeepNonASCIIWithoutEnsureASCII() {
        let value = JSONValue.string("\"\\/\u{08}\u{0C}\n\r\t\u{0}\u{1F}\u{7F}\u{80}\u{2028}\u{FFFF}\u{10000}\u{10FFFF}")
        var options = JSONWriteOptions.socketIO
        options.ensureASCII = false
        // json.dumps(same, ensure_ascii=False): DEL and non-ASCII stay raw.
        let python = "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u{7F}\u{80}\u{2028}\u{FFFF}\u{10000}\u{10FFFF}\""
        #expect(value.serializedString(options: options) == python)
    }

    @Test func plainASCIIIsCopiedAsIs() {
        #expect(JSONValue.string("hello, world").serializedString(options: .socketIO) == #""hello, world""#)
        #expect(JSONValue.string("").serializedString(options: .socketIO) == #""""#)
    }

    private let sample: JSONValue = [
        "z": 1, "a": ["y": [1, 2, ["b": nil, "a": true]], "x": "é😀"], "é": false, "Z": [], "": [:],
    ]

    @Test func jsonifyMatchesFlaskByteForByte() {
        // json.dumps(d, separators=(",", ":"), sort_keys=True, ensure_ascii=True) + "\n"
        let flask = #"{"":{},"Z":[],"a":{"x":"\u00e9\ud83d\ude00","y":[1,2,{"a":true,"b":null}]},"z":1,"\u00e9":false}"#
        #expect(sample.serializedString(options: .jsonify) == flask + "\n")
        #expect(sample.serializedString() == flask)
        #expect(sample.serializedString(options: .compact) == flask)
    }

    @Test func jsonifyDebugMatchesFlaskByteForByte() {
        // json.dumps(d, indent=2, sort_keys=True) + "\n"
        let flask = "{\n  \"\": {},\n  \"Z\": [],\n  \"a\": {\n    \"x\": \"\\u00e9\\ud83d\\ude00\",\n    \"y\": [\n      1,\n      2,\n      {\n        \"a\": true,\n        \"b\": null\n      }\n    ]\n  },\n  \"z\": 1,\n  \"\\u00e9\": false\n}\n"
        #expect(sample.serializedString(options: .jsonifyDebug) == flask)
    }

    @Test func keysSortByCodePointNotByLocale() {
        let value: JSONValue = ["b": 1, "a": 2, "B": 3, "é": 4, "z": 5, "😀": 6, "\u{FFFF}": 7]
        var options = JSONWriteOptions.jsonify
        options.ensureASCII = false
        options.terminator = ""
        // sorted(["b","a","B","é","z","😀","\uffff"]) == ['B','a','b','z','é','\uffff','😀']
        #expect(value.serializedString(options: options) == "{\"B\":3,\"a\":2,\"b\":1,\"z\":5,\"é\":4,\"\u{FFFF}\":7,\"😀\":6}")
    }

    @Test func unsortedObjectsStillHoldEveryMember() throws {
        let value: JSONValue = ["one": 1, "two": [2], "three": ["x": nil]]
        let text = value.serializedString(options: .socketIO)
        #expect(try JSONValue(parsing: text) == value)
        #expect(!text.contains(" "))
    }

    @Test func pythonDefaultSeparators() {
        #expect(JSONValue.array(["a", 1, [nil]]).serializedString(options: .pythonDefault) == #"["a", 1, [null]]"#)
        #expect(JSONValue.object(["k": [1]]).serializedString(options: .pythonDefault) == #"{"k": [1]}"#)
    }

    @Test(arguments: [
        JSONValue.null, true, 0, -1, 2.5, -0.0, 1e300, "", "x\u{0}y\u{1F600}", [], [:],
        [1, [2, [3, ["deep": [nil, false]]]]], ["é": "ü", "\u{7F}": "\u{10FFFF}"],
    ])
    func roundTripsThroughText(value: JSONValue) throws {
        for options in [JSONWriteOptions.jsonify, .jsonifyDebug, .socketIO, .pythonDefault] {
            #expect(try JSONValue(parsing: value.serialized(options: options)) == value)
        }
        var raw = JSONWriteOptions.socketIO
        raw.ensureASCII = false
        #expect(try JSONValue(parsing: value.serialized(options: raw)) == value)
    }

    @Test func nonFiniteDoublesDoNotRoundTripUnderStrictParsing() {
        let text = JSONValue.array([.double(.infinity)]).serialized(options: .socketIO)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }
}
