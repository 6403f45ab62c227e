import Flaskish

// Incremental form of the payload grammar in EngineIOPayload.swift, for POST bodies that
// arrive in several reads: the limits are checked as bytes arrive, so an oversized body is
// refused without being buffered.

/// Splits a polling payload into packets as its bytes arrive.
///
/// ```swift
/// var decoder = EngineIOPayloadDecoder(limits: limits)
/// for chunk in bodyChunks { packets += try decoder.decode(chunk) }
/// packets += try decoder.finish()
/// ```
package struct EngineIOPayloadDecoder: Sendable {
    /// The limits being enforced.
    package let limits: EngineIOPayload.Limits

    private var pending: [UInt8] = []
    private var byteCount = 0

    /// A decoder at the start of a body.
    package init(limits: EngineIOPayload.Limits = EngineIOPayload.Limits()) {
        self.limits = limits
    }

    /// Feeds the next bytes of the body; returns the packets they complete.
    package mutating func decode(_ chunk: UnsafeRawBufferPointer) throws(EngineIOPayload.DecodingError) -> [EngineIOPacket] {
        byteCount += chunk.count
        if byteCount > limits.maxPayloadBytes { throw .payloadTooLarge(limit: limits.maxPayloadBytes) }
        var packets: [EngineIOPacket] = []
        var start = 0
        while let end = chunk[start...].firstIndex(of: EngineIOPayload.separator) {
            let segment = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            if pending.isEmpty {
                packets.append(try decodePacket(segment))
            } else {
                pending.append(contentsOf: segment)
                let joined = pending
                pending.removeAll(keepingCapacity: true)
                packets.append(try decodePacket(joined))
            }
            start = end + 1
        }
        pending.append(contentsOf: chunk[start...])
        return packets
    }

    /// Feeds the next bytes of the body; returns the packets they complete.
    package mutating func decode(_ chunk: [UInt8]) throws(EngineIOPayload.DecodingError) -> [EngineIOPacket] {
        var result: Result<[EngineIOPacket], EngineIOPayload.DecodingError> = .success([])
        chunk.withUnsafeBytes { raw in
            do throws(EngineIOPayload.DecodingError) { result = .success(try decode(raw)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Ends the body; returns its last packet. An empty body holds no packets, as in
    /// python-engineio.
    package mutating func finish() throws(EngineIOPayload.DecodingError) -> [EngineIOPacket] {
        guard byteCount > 0 else { return [] }
        let last = pending
        pending = []
        return [try decodePacket(last)]
    }

    private mutating func decodePacket(_ bytes: [UInt8]) throws(EngineIOPayload.DecodingError) -> EngineIOPacket {
        var result: Result<EngineIOPacket, EngineIOPayload.DecodingError> = .failure(.invalidPacket(.empty))
        bytes.withUnsafeBytes { raw in
            do throws(EngineIOPayload.DecodingError) { result = .success(try decodePacket(raw)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    private mutating func decodePacket(_ bytes: UnsafeRawBufferPointer) throws(EngineIOPayload.DecodingError) -> EngineIOPacket {
        if bytes.first != UInt8(ascii: "b") {
            var validator = UTF8Validator()
            guard validator.validate(bytes), validator.isComplete else { throw .invalidPacket(.invalidUTF8) }
        }
        do throws(EngineIOPacket.DecodingError) {
            return try EngineIOPacket(decodingUTF8: bytes)
        } catch {
            throw .invalidPacket(error)
        }
    }
}
