using System.Buffers.Binary;
using System.IO.Hashing;

namespace RegionCodec.Fuzz.Tests;

/// <summary>
/// Deterministic structure-aware mutations of an .rsg file: bit flips, byte insertions and deletions,
/// truncation, chunk length and CRC tampering, absurd header fields (dimensions, region count, strip
/// height), strip payload damage behind a valid CRC, and chunk duplication, removal and swaps.
/// Most kinds repair the CRCs afterwards so the damage reaches the parsers behind the CRC check.
/// </summary>
internal sealed class Mutator(byte[] file, int seed)
{
    private static readonly uint[] AbsurdDimensions =
    [
        0, 1, 2, 15, 16, 17, 255, 65535, 65536, 1 << 20, (1 << 20) + 1, (1 << 24) - 1, 1 << 24, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
    ];

    private readonly Random _random = new(seed);
    private readonly List<Chunk> _chunks = Chunk.Walk(file);

    public const int Kinds = 12;

    /// <summary>The <paramref name="index"/>-th mutation; kind = index % <see cref="Kinds"/>.</summary>
    public (string Kind, byte[] Data) Next(int index)
    {
        byte[] data = (byte[])file.Clone();
        switch (index % Kinds)
        {
            case 0:
                int flips = 1 + _random.Next(4);
                for (int i = 0; i < flips; i++)
                {
                    data[_random.Next(data.Length)] ^= (byte)(1 << _random.Next(8));
                }

                return ("bit flips", data);

            case 1:
                return ("bit flips, CRCs repaired", Repaired(Next(0).Data));

            case 2:
                int at = _random.Next(data.Length + 1), count = 1 + _random.Next(_random.Next(2) == 0 ? 4 : 64);
                byte[] inserted = new byte[count];
                _random.NextBytes(inserted);
                return ("byte insertion", [.. data.AsSpan(0, at), .. inserted, .. data.AsSpan(at)]);

            case 3:
                int from = _random.Next(data.Length), length = Math.Min(data.Length - from, 1 + _random.Next(_random.Next(2) == 0 ? 4 : 64));
                return ("byte deletion", [.. data.AsSpan(0, from), .. data.AsSpan(from + length)]);

            case 4:
                return ("truncation", data.AsSpan(0, _random.Next(data.Length)).ToArray());

            case 5:
            {
                Chunk chunk = _chunks[_random.Next(_chunks.Count)];
                uint[] lengths = [0, 1, 3, 4, 5, 16, 17, 18, chunk.Length - 1, chunk.Length + 1, chunk.Length * 2, 1 << 24, (1 << 24) + 1, 1 << 30, 0x7FFFFFFF, 0xFFFFFFFF];
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(chunk.Offset), lengths[_random.Next(lengths.Length)]);
                return ("chunk length", _random.Next(2) == 0 ? data : Repaired(data));
            }

            case 6:
            {
                Chunk chunk = _chunks[_random.Next(_chunks.Count)];
                data[chunk.Offset + 8 + (int)chunk.Length + _random.Next(4)] ^= (byte)(1 + _random.Next(255));
                return ("chunk CRC", data);
            }

            case 7:
            {
                // RHDR data starts at 16: width at +1, height at +5 (spec §4.2).
                int field = _random.Next(3);
                if (field != 1)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(17), AbsurdDimensions[_random.Next(AbsurdDimensions.Length)]);
                }

                if (field != 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(21), AbsurdDimensions[_random.Next(AbsurdDimensions.Length)]);
                }

                return ("absurd dimensions", Repaired(data));
            }

            case 8:
            {
                // region_count at RHDR +14, strip_mcu_rows at +12, cell at +11, colour/subsampling at +9/+10.
                switch (_random.Next(4))
                {
                    case 0: data[16 + 14] = (byte)(new[] { 0, 1, 2, 3, 127, 254, 255 })[_random.Next(7)]; break;
                    case 1: BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(16 + 12), (ushort)(new[] { 0, 1, 2, 255, 4096, 65535 })[_random.Next(6)]); break;
                    case 2: data[16 + 11] = (byte)_random.Next(5); break;
                    default: data[16 + 9] = (byte)(_random.Next(2) * 2 + 1); data[16 + 10] = (byte)_random.Next(2); break;
                }

                return ("header fields", Repaired(data));
            }

            case 9:
            {
                // Damage a strip or alpha payload behind a valid CRC: the mask, coefficient and alpha decoders see it.
                Chunk[] strips = _chunks.Where(c => c.Type is "STRP" or "ALPH" && c.Length > 4).ToArray();
                if (strips.Length == 0)
                {
                    return ("bit flips", Next(0).Data);
                }

                Chunk strip = strips[_random.Next(strips.Length)];
                int bytes = 1 + _random.Next(8);
                for (int i = 0; i < bytes; i++)
                {
                    int position = strip.Offset + 12 + _random.Next((int)strip.Length - 4);
                    data[position] = _random.Next(3) == 0 ? (byte)_random.Next(256) : (byte)(data[position] ^ (1 << _random.Next(8)));
                }

                return ("strip payload", Repaired(data));
            }

            case 10:
            {
                // Region table: out-of-range quality or mode, or its length against region_count.
                Chunk? table = _chunks.FirstOrDefault(c => c.Type == "RTAB");
                if (table is null)
                {
                    return ("bit flips", Next(0).Data);
                }

                int entry = _random.Next((int)table.Length / 2);
                data[table.Offset + 8 + (2 * entry) + _random.Next(2)] = (byte)(new[] { 0, 1, 2, 100, 101, 255 })[_random.Next(6)];
                return ("region table", Repaired(data));
            }

            default:
            {
                // Chunk order: duplicate, remove or swap whole chunks (CRCs stay valid).
                List<byte[]> chunks = _chunks.Select(c => file.AsSpan(c.Offset, 12 + (int)c.Length).ToArray()).ToList();
                int a = _random.Next(chunks.Count), b = _random.Next(chunks.Count);
                switch (_random.Next(3))
                {
                    case 0: chunks.Insert(b, chunks[a]); break;
                    case 1: chunks.RemoveAt(a); break;
                    default: (chunks[a], chunks[b]) = (chunks[b], chunks[a]); break;
                }

                return ("chunk order", [.. file.AsSpan(0, 8), .. chunks.SelectMany(c => c)]);
            }
        }
    }

    private static byte[] Repaired(byte[] data) => CrcRepair.Repair(data) ?? data;

    internal sealed record Chunk(int Offset, uint Length, string Type)
    {
        public static List<Chunk> Walk(byte[] file)
        {
            var chunks = new List<Chunk>();
            int offset = 8;
            while (offset + 12 <= file.Length)
            {
                uint length = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
                if (offset + 12L + length > file.Length)
                {
                    break;
                }

                chunks.Add(new Chunk(offset, length, System.Text.Encoding.ASCII.GetString(file, offset + 4, 4)));
                offset += 12 + (int)length;
            }

            return chunks;
        }
    }
}

/// <summary>CRC-32 helper for tests that build inputs by hand.</summary>
internal static class Crc
{
    public static uint Of(ReadOnlySpan<byte> typeAndData) => Crc32.HashToUInt32(typeAndData);
}
