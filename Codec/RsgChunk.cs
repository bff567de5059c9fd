using System.Buffers.Binary;
using System.IO.Hashing;
using RegionCodec.Container;

namespace RegionCodec;

/// <summary>
/// Where one chunk sits in an .rsg file (spec/rsg.md §3.2): [length u32][type u32][data][CRC-32 of type
/// and data], big-endian. <see cref="Walk"/> lists a file's chunks without judging them, for tools that
/// inspect, repair or build files; decoding validates them through <see cref="RsgDecoder"/> instead.
/// </summary>
/// <param name="Offset">File offset of the length field.</param>
/// <param name="Type">The four type bytes, big-endian (for example 0x52484452 for RHDR).</param>
/// <param name="Length">The declared data length.</param>
/// <param name="StoredCrc">The CRC as stored after the data (not checked).</param>
public readonly record struct RsgChunk(long Offset, uint Type, uint Length, uint StoredCrc)
{
    /// <summary>Bytes of the length and type fields before the data.</summary>
    public const int HeadLength = 8;

    /// <summary>Bytes of the CRC after the data.</summary>
    public const int CrcLength = 4;

    /// <summary>The type as four characters (bytes outside printable ASCII shown as '?').</summary>
    public string TypeText => ChunkType.ToText(Type);

    /// <summary>File offset of the first data byte.</summary>
    public long DataOffset => Offset + HeadLength;

    /// <summary>File offset of the stored CRC.</summary>
    public long CrcOffset => DataOffset + Length;

    /// <summary>File offset just past the chunk, where the next one starts.</summary>
    public long End => CrcOffset + CrcLength;

    /// <summary>Bytes the chunk occupies in the file: head, data and CRC.</summary>
    public long Size => End - Offset;

    /// <summary>The chunk's data inside <paramref name="file"/>.</summary>
    public ReadOnlySpan<byte> DataIn(ReadOnlySpan<byte> file) => file.Slice(checked((int)DataOffset), checked((int)Length));

    /// <summary>The CRC-32 of the type and data as they are in <paramref name="file"/>; compare it with <see cref="StoredCrc"/>.</summary>
    public uint ComputeCrc(ReadOnlySpan<byte> file) => Crc32.HashToUInt32(file.Slice(checked((int)Offset + 4), checked(4 + (int)Length)));

    /// <summary>
    /// The chunks after the 8-byte signature, in file order, up to the first one that does not wholly fit in
    /// <paramref name="file"/>. Lenient: the signature, types, lengths, CRCs and order are not checked and
    /// nothing is thrown, so damaged files can be inspected. Allocates nothing.
    /// </summary>
    public static Enumerator Walk(ReadOnlySpan<byte> file) => new(file);

    /// <summary>Walks a file's chunks (see <see cref="Walk"/>); use it with <c>foreach</c>.</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _file;
        private long _next;

        internal Enumerator(ReadOnlySpan<byte> file)
        {
            _file = file;
            _next = RsgConstants.Signature.Length;
        }

        /// <summary>The chunk reached by the last <see cref="MoveNext"/>.</summary>
        public RsgChunk Current { get; private set; }

        /// <summary>This enumerator, so that <see cref="Walk"/> can be used with <c>foreach</c>.</summary>
        public readonly Enumerator GetEnumerator() => this;

        /// <summary>Steps to the next chunk; false when the rest of the file holds no whole chunk.</summary>
        public bool MoveNext()
        {
            if (_next + HeadLength + CrcLength > _file.Length)
            {
                return false;
            }

            int at = (int)_next;
            uint length = BinaryPrimitives.ReadUInt32BigEndian(_file[at..]);
            if (_next + HeadLength + length + CrcLength > _file.Length)
            {
                _next = _file.Length;
                return false;
            }

            uint type = BinaryPrimitives.ReadUInt32BigEndian(_file[(at + 4)..]);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(_file[(int)(_next + HeadLength + length)..]);
            Current = new RsgChunk(_next, type, length, crc);
            _next = Current.End;
            return true;
        }
    }
}
