namespace RegionCodec;

/// <summary>
/// Every reason a decoder rejects a file. Each value is the number of the rule in spec/rsg.md §11
/// ("Conditions a decoder must reject") that it enforces.
/// </summary>
public enum RsgError
{
    /// <summary>R1: the first 8 bytes are not the .rsg signature.</summary>
    BadSignature = 1,
    /// <summary>R2: the data ends before the REND chunk.</summary>
    Truncated = 2,
    /// <summary>R3: a chunk's CRC-32 does not match its type and data.</summary>
    BadCrc = 3,
    /// <summary>R4: a chunk type byte is not an ASCII letter.</summary>
    BadChunkType = 4,
    /// <summary>R5: an unknown critical chunk (type starts with an upper-case letter).</summary>
    UnknownCriticalChunk = 5,
    /// <summary>R6: chunks out of order (RHDR not first, RTAB missing or repeated, STRP before RTAB, strips out of sequence, REND early).</summary>
    ChunkOrder = 6,
    /// <summary>R7: a chunk's length is wrong for its type or exceeds its limit.</summary>
    BadChunkLength = 7,
    /// <summary>R8: an RHDR field is out of range (version, dimensions, colour model, subsampling, mask cell, strip height, flags, table set).</summary>
    BadHeader = 8,
    /// <summary>R9: retired; no condition raises it since version 2 decodes the alpha plane. The number stays reserved so later rules keep theirs.</summary>
    Unsupported = 9,
    /// <summary>R10: an RTAB entry is out of range (quality outside 1..100, unknown mode).</summary>
    BadRegionTable = 10,
    /// <summary>R11: the decoded mask is invalid (label not below the region count, run outside its row).</summary>
    BadMask = 11,
    /// <summary>R12: a decoded DC level is out of range.</summary>
    BadCoefficient = 12,
    /// <summary>R13: the image exceeds the decoder's configured limits (width, height, pixel count).</summary>
    LimitExceeded = 13,
    /// <summary>R14: a decoded alpha sample of an ALPH payload falls outside 0..255 (spec/rsg.md §9.4).</summary>
    BadAlpha = 14,
}
