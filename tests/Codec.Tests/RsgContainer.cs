using System.Buffers.Binary;
using System.IO.Hashing;

namespace RegionCodec.Tests;

/// <summary>
/// One chunk of an .rsg file with its own copy of the bytes ([u32 BE length][4-byte type][data][u32 BE CRC-32 of
/// type+data]), for building malformed files. Tests that only read where chunks are use the codec's
/// <see cref="RsgChunk"/> (<see cref="RsgContainer.Chunks"/>).
/// </summary>
public sealed class EditableChunk
{
    public EditableChunk(byte[] type, byte[] data, uint? crc = null, long offset = -1)
    {
        Assert.Equal(4, type.Length);
        Type = type;
        Data = data;
        Crc = crc ?? RsgContainer.Crc(type, data);
        Offset = offset;
    }

    public EditableChunk(string type, byte[] data)
        : this(System.Text.Encoding.ASCII.GetBytes(type), data)
    {
    }

    public byte[] Type { get; }

    public string TypeText => System.Text.Encoding.ASCII.GetString(Type);

    public byte[] Data { get; }

    /// <summary>The stored CRC (as parsed, or as computed when built).</summary>
    public uint Crc { get; set; }

    /// <summary>File offset of the chunk's length field when parsed; -1 for built chunks.</summary>
    public long Offset { get; }

    /// <summary>Total bytes the chunk occupies in the file.</summary>
    public int Size => 12 + Data.Length;

    /// <summary>Strip index of a STRP chunk (its first 4 data bytes).</summary>
    public int StripIndex => (int)BinaryPrimitives.ReadUInt32BigEndian(Data);

    public bool CrcIsValid => Crc == RsgContainer.Crc(Type, Data);

    /// <summary>A copy with <paramref name="data"/> and a freshly computed CRC.</summary>
    public EditableChunk WithData(byte[] data) => new(Type, data);

    /// <summary>A copy with its data and a freshly computed CRC.</summary>
    public EditableChunk Clone() => new(Type, (byte[])Data.Clone());

    public EditableChunk Recrc()
    {
        Crc = RsgContainer.Crc(Type, Data);
        return this;
    }

    public override string ToString() => $"{TypeText}({Data.Length}) @ {Offset}";
}

/// <summary>Parses .rsg files into chunks and writes chunk lists back, for building malformed inputs.</summary>
public static class RsgContainer
{
    public static readonly byte[] Signature = [0x89, 0x52, 0x53, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public const int HeaderLength = 17;

    public static uint Crc(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>Splits a well-framed file into its chunks (CRCs kept as stored, not checked).</summary>
    public static List<EditableChunk> Parse(ReadOnlySpan<byte> file)
    {
        Assert.True(file.Length >= 8 && file[..8].SequenceEqual(Signature), "test input does not start with the .rsg signature");
        var chunks = new List<EditableChunk>();
        long end = 8;
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            byte[] type = file.Slice((int)chunk.Offset + 4, 4).ToArray();
            chunks.Add(new EditableChunk(type, chunk.DataIn(file).ToArray(), chunk.StoredCrc, chunk.Offset));
            end = chunk.End;
        }

        Assert.True(end == file.Length, $"partial chunk at {end}");
        return chunks;
    }

    /// <summary>Where the chunks of a well-framed file are (the codec's lenient <see cref="RsgChunk.Walk"/>, collected).</summary>
    public static List<RsgChunk> Chunks(ReadOnlySpan<byte> file)
    {
        var chunks = new List<RsgChunk>();
        foreach (RsgChunk chunk in RsgChunk.Walk(file))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks.Count > 0 && chunks[^1].End == file.Length, "test input is not a whole chunk list");
        return chunks;
    }

    /// <summary>Writes the signature and <paramref name="chunks"/> with their stored CRCs.</summary>
    public static byte[] Build(IEnumerable<EditableChunk> chunks)
    {
        var output = new MemoryStream();
        output.Write(Signature);
        Span<byte> word = stackalloc byte[4];
        foreach (EditableChunk chunk in chunks)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, (uint)chunk.Data.Length);
            output.Write(word);
            output.Write(chunk.Type);
            output.Write(chunk.Data);
            BinaryPrimitives.WriteUInt32BigEndian(word, chunk.Crc);
            output.Write(word);
        }

        return output.ToArray();
    }

    /// <summary>One chunk's bytes (length, type, data, correct CRC).</summary>
    public static byte[] ChunkBytes(string type, byte[] data)
    {
        byte[] file = Build([new EditableChunk(type, data)]);
        return file[8..];
    }

    /// <summary>Parses, lets <paramref name="edit"/> change the chunk list, rebuilds.</summary>
    public static byte[] Rewrite(byte[] file, Action<List<EditableChunk>> edit)
    {
        List<EditableChunk> chunks = Parse(file);
        edit(chunks);
        return Build(chunks);
    }

    /// <summary>Changes RHDR's data in place and recomputes its CRC.</summary>
    public static byte[] RewriteHeader(byte[] file, Action<byte[]> edit) =>
        Rewrite(file, chunks =>
        {
            EditableChunk header = chunks.Single(c => c.TypeText == "RHDR");
            edit(header.Data);
            header.Recrc();
        });

    /// <summary>Changes RTAB's data in place and recomputes its CRC.</summary>
    public static byte[] RewriteRegionTable(byte[] file, Action<byte[]> edit) =>
        Rewrite(file, chunks =>
        {
            EditableChunk table = chunks.Single(c => c.TypeText == "RTAB");
            edit(table.Data);
            table.Recrc();
        });

    /// <summary>The 17 RHDR data bytes (spec §4.2).</summary>
    public static byte[] HeaderData(int width, int height, int colorModel = 3, int subsampling = 1, int maskCellLog2 = 3,
        int stripMcuRows = 1, int regionCount = 1, int flags = 0, int tableSet = 0, int version = 2)
    {
        byte[] d = new byte[HeaderLength];
        d[0] = (byte)version;
        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(1), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(d.AsSpan(5), (uint)height);
        d[9] = (byte)colorModel;
        d[10] = (byte)subsampling;
        d[11] = (byte)maskCellLog2;
        BinaryPrimitives.WriteUInt16BigEndian(d.AsSpan(12), (ushort)stripMcuRows);
        d[14] = (byte)regionCount;
        d[15] = (byte)flags;
        d[16] = (byte)tableSet;
        return d;
    }

    public static byte[] StripData(int index, ReadOnlySpan<byte> payload)
    {
        byte[] d = new byte[4 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(d, (uint)index);
        payload.CopyTo(d.AsSpan(4));
        return d;
    }

    /// <summary>
    /// The end of the first STRP chunk's 8-byte head: all Identify reads (header, region table, names and
    /// metadata are final there, spec/rsg.md §3.3).
    /// </summary>
    public static int EndOfFirstStripHead(byte[] file) => (int)Chunks(file).First(c => c.TypeText == "STRP").DataOffset;

    /// <summary>File offset just past the RTAB chunk.</summary>
    public static int EndOfRegionTable(byte[] file) => (int)Chunks(file).Single(c => c.TypeText == "RTAB").End;
}
