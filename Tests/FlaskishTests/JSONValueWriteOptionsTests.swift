import Testing
@testable import Flaskish

struct JSONValueWriteOptionsTests {
    @Test func jsonifyIsCompactSortedASCIIWithANewline() {
        let options = JSONWriteOptions.jsonify
        #expect(options.sortKeys && options.ensureASCII && options.indent == nil)
        #expect(options.itemSeparator == "," && options.keySeparator == ":" && options.terminator == "\n")
    }

    @Test func compactIsJsonifyWithoutTheNewline() {
        var options = JSONWriteOptions.jsonify
        options.terminator = ""
        #expect(JSONWriteOptions.compact == options)
    }

    @Test func jsonifyDebugIndentsByTwo() {
        let options = JSONWriteOptions.jsonifyDebug
        #expect(options.sortKeys && options.ensureASCII && options.indent == 2)
        #expect(options.itemSeparator == "," && options.keySeparator == ": " && options.terminator == "\n")
    }

    @Test func socketIOIsCompactUnsortedWithoutNewline() {
        let options = JSONWriteOptions.socketIO
        #expect(!options.sortKeys && options.ensureASCII && options.indent == nil)
        #expect(options.itemSeparator == "," && options.keySeparator == ":" && options.terminator == "")
    }

    @Test func customSeparatorsWithIndentKeepTrailingSpaces() {
        // json.dumps([1, 2], indent=1, separators=(", ", ": ")) == '[\n 1, \n 2\n]'
        let options = JSONWriteOptions(indent: 1, itemSeparator: ", ", keySeparator: ": ")
        #expect(JSONValue.array([1, 2]).serializedString(options: options) == "[\n 1, \n 2\n]")
    }

    @Test func zeroIndentStillBreaksLines() {
        // json.dumps([1, {"a": 2}], indent=0) == '[\n1,\n{\n"a": 2\n}\n]'
        let options = JSONWriteOptions(indent: 0, itemSeparator: ",")
        #expect(JSONValue.array([1, ["a": 2]]).serializedString(options: options) == "[\n1,\n{\n\"a\": 2\n}\n]")
    }
}
