using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using RegionCodec.Coefficients;
using RegionCodec.Entropy;
using RegionCodec.Mask;
using RegionCodec.Quantization;

namespace RegionCodec.Tests;

/// <summary>
/// spec/rsg.md §14, the worked example, checked against the code: the byte listing is the conformance
/// file, every decision of the trace (decoder state before it, probability, count, bound, bit, updated
/// probability) is what <see cref="RangeDecoder"/> does through the shared modelling code, each decision
/// uses the context the spec's reading of it names, and the decoded pixel is the one the spec gives.
/// The numbers are read from the spec's text, so a change to either the spec or the code fails here.
/// </summary>
public sealed class WorkedExampleTests
{
    private static readonly string Root = Path.GetDirectoryName(Path.GetDirectoryName(TestImages.ConformanceFolder))!;

    private static string Section14()
    {
        string spec = File.ReadAllText(Path.Combine(Root, "spec", "rsg.md"));
        int start = spec.IndexOf("\n## 14. Worked example", StringComparison.Ordinal);
        int end = spec.IndexOf("\n## 15.", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "spec/rsg.md has no §14 followed by §15");
        return spec[start..end];
    }

    private static string[] CodeBlocks(string section) =>
        [.. Regex.Matches(section, @"```\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)];

    private static byte[] ExampleFile(string section)
    {
        Match name = Regex.Match(section, @"`spec/(conformance/valid/[^`]+\.rsg)` \((\d+) bytes\)");
        Assert.True(name.Success, "§14 does not name its file and size");
        byte[] file = File.ReadAllBytes(Path.Combine(Root, "spec", name.Groups[1].Value));
        Assert.Equal(int.Parse(name.Groups[2].Value, CultureInfo.InvariantCulture), file.Length);
        return file;
    }

    [Fact]
    public void ByteListingIsTheConformanceFile()
    {
        string section = Section14();
        byte[] file = ExampleFile(section);

        var listed = new List<byte>();
        int rows = 0;
        foreach (string line in CodeBlocks(section)[0].Split('\n'))
        {
            Match row = Regex.Match(line, @"^([0-9A-F]{4})  ((?:[0-9A-F]{2} )*[0-9A-F]{2})(?:\s|$)");
            if (!row.Success)
            {
                continue;
            }

            Assert.Equal(listed.Count, int.Parse(row.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            listed.AddRange(Convert.FromHexString(row.Groups[2].Value.Replace(" ", "", StringComparison.Ordinal)));
            rows++;
        }

        Assert.True(rows >= 20, $"only {rows} rows of bytes in §14's listing");
        Assert.Equal(file, listed.ToArray());

        // The payload the trace decodes is the STRP data after its strip index.
        Match payload = Regex.Match(section, @"Decoding the payload `([0-9A-F ]+)`");
        Assert.True(payload.Success);
        Assert.Equal(Convert.FromHexString(payload.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal)), Payload(file).ToArray());
    }

    [Fact]
    public void DecisionTraceMatchesTheRangeDecoder()
    {
        string section = Section14();
        byte[] file = ExampleFile(section);
        Decision[] expected = ParseTrace(CodeBlocks(section)[1]);
        Assert.Equal(24, expected.Length);

        (List<Decision> actual, _, short[] levels, int nonZero, int step, List<SymbolDecision> symbols) = Trace(file);
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == actual[i], $"decision #{i + 1}: spec {expected[i]}, code {actual[i]}");
        }

        // The one symbol decision (the non-zero count), line for line as the spec prints it.
        SymbolDecision count = Assert.Single(symbols);
        string[] specSymbolLines = [.. CodeBlocks(section)[1].Split('\n').Where(l => l.Contains("-> symbol", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l.Trim(), @"\s+", " "))];
        Assert.Equal([Regex.Replace(count.ToString(), @"\s+", " ")], specSymbolLines);

        // The summary lines under the trace.
        Match dc = Regex.Match(section, @"-> DC level (-?\d+) \(step (\d+), coefficient (-?\d+)\), (\d+) non-zero AC levels");
        Assert.True(dc.Success);
        Assert.Equal(int.Parse(dc.Groups[1].Value, CultureInfo.InvariantCulture), levels[0]);
        Assert.Equal(int.Parse(dc.Groups[2].Value, CultureInfo.InvariantCulture), step);
        Assert.Equal(int.Parse(dc.Groups[3].Value, CultureInfo.InvariantCulture), levels[0] * step);
        Assert.Equal(int.Parse(dc.Groups[4].Value, CultureInfo.InvariantCulture), nonZero);
        Assert.All(levels[1..], l => Assert.Equal(0, l));
    }

    /// <summary>
    /// "Reading the decisions" names the context of each decision: #1–#8 the label tree nodes 1, 2, 4 … 128,
    /// #9 RunExact[2], #10 DcZero[0], #11 DcSign[0], #12–#18 DcLength[0][0…6], #19 DcMantissa[0][6],
    /// #20–#24 DcMantissa[0][16 + 6], #25 the non-zero count symbol of bucket 10.
    /// </summary>
    [Fact]
    public void EachDecisionUsesTheContextTheSpecNames()
    {
        string section = Section14();
        Assert.Contains("nodes 1, 2, 4, …, 128", section, StringComparison.Ordinal);
        Assert.Contains("`RunExact[2]` = 1", section, StringComparison.Ordinal);
        Assert.Contains("`DcLength[0][0…6]`", section, StringComparison.Ordinal);
        Assert.Contains("`DcMantissa[0][6]`", section, StringComparison.Ordinal);
        Assert.Contains("`DcMantissa[0][16 + 6]`", section, StringComparison.Ordinal);
        Assert.Contains("count symbol in bucket 10", section, StringComparison.Ordinal);

        string[] expected =
        [
            "LabelTree[1]", "LabelTree[2]", "LabelTree[4]", "LabelTree[8]", "LabelTree[16]", "LabelTree[32]", "LabelTree[64]", "LabelTree[128]",
            "RunExact[2]",
            "DcZero[0]", "DcSign[0]",
            "DcLength[0]", "DcLength[1]", "DcLength[2]", "DcLength[3]", "DcLength[4]", "DcLength[5]", "DcLength[6]",
            "DcMantissa[6]",
            "DcMantissa[22]", "DcMantissa[22]", "DcMantissa[22]", "DcMantissa[22]", "DcMantissa[22]",
            "NonZeroCount[10]",
        ];
        (_, List<string> contexts, _, _, _, _) = Trace(ExampleFile(section));
        Assert.Equal(expected, contexts);
    }

    [Fact]
    public void FileDecodesToTheSpecsPixel()
    {
        string section = Section14();
        Match pixel = Regex.Match(section, @"the output pixel is (\d+)");
        Assert.True(pixel.Success);
        Assert.Contains("every pixel = clamp(((coefficient + 4) >> 3) + 128) = " + pixel.Groups[1].Value, section, StringComparison.Ordinal);

        RsgImage image = RsgDecoder.Decode(ExampleFile(section));
        Assert.Equal(1, image.Width);
        Assert.Equal(1, image.Height);
        Assert.Equal(RsgPixelFormat.Gray8, image.PixelFormat);
        Assert.Equal([byte.Parse(pixel.Groups[1].Value, CultureInfo.InvariantCulture)], image.Pixels);
        Assert.Equal([(byte)0], image.Labels.Labels);
    }

    /// <summary>
    /// The reference encoder writes exactly the example's bytes from its source pixel (camera.png at
    /// (200, 200), as tools/Codec.ConformanceGenerator makes file 01: quality 75, revision 1's Annex K tables,
    /// no deblocking), and the same from any gray value that quantizes to DC level −81.
    /// </summary>
    [Fact]
    public void ReferenceEncoderWritesTheExampleBytes()
    {
        byte[] file = ExampleFile(Section14());
        var options = new RsgEncoderOptions { Quality = 75, QuantizationTables = RsgQuantizationTables.JpegAnnexK, Deblocking = false };
        TestImage pixel = TestImages.Camera.Crop(200, 200, 1, 1);
        Assert.Equal(RsgPixelFormat.Gray8, pixel.Format);
        Assert.Equal(file, pixel.Encode(options));
        Assert.Equal(file, RsgEncoder.Encode([47], 1, 1, 1, RsgPixelFormat.Gray8, options));
    }

    /// <summary>The §5.3 update example: from the initial state a 1 gives 49152, a 0 gives 16384.</summary>
    [Fact]
    public void BitModelUpdateExampleOfSection5()
    {
        BitModel one = BitModel.Initial, zero = BitModel.Initial;
        one.Update(1);
        zero.Update(0);
        Assert.Equal(49152, one.ProbabilityOfOne);
        Assert.Equal(16384, zero.ProbabilityOfOne);
        Assert.Equal(1, one.Count);
    }

    private static ReadOnlySpan<byte> Payload(byte[] file)
    {
        foreach (RegionCodec.RsgChunk chunk in RegionCodec.RsgChunk.Walk(file))
        {
            if (chunk.TypeText == "STRP")
            {
                return chunk.DataIn(file)[4..];
            }
        }

        throw new InvalidOperationException("no STRP chunk");
    }

    private static Decision[] ParseTrace(string block) =>
        [.. Regex.Matches(block, @"#(\d+)\s+range=([0-9A-F]{8}) code=([0-9A-F]{8}) p1=\s*(\d+) n=\s*(\d+) bound=([0-9A-F]{8}) -> bit ([01]), p1 becomes (\d+)")
            .Select((m, i) =>
            {
                Assert.Equal(i + 1, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                return new Decision(
                    uint.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    uint.Parse(m.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture),
                    uint.Parse(m.Groups[6].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    m.Groups[7].Value[0] - '0',
                    int.Parse(m.Groups[8].Value, CultureInfo.InvariantCulture));
            })];

    /// <summary>Decodes the one strip as the spec's §9.2 does for a one-block gray image, recording every decision.</summary>
    private static (List<Decision> Decisions, List<string> Contexts, short[] Levels, int NonZero, int Step, List<SymbolDecision> Symbols) Trace(byte[] file)
    {
        RsgImageInfo info = RsgDecoder.Identify(file);
        FrameHeader h = info.Header;
        Assert.Equal(1, h.ComponentCount);
        Assert.Equal(1, h.MaskWidth);

        var mask = new MaskContexts();
        var coefficients = new CoefficientContexts();
        var coder = new RecordingDecoder(Payload(file), mask, coefficients);
        byte[] row = new byte[h.MaskWidth];
        Assert.True(MaskRowCoder.CodeRow(ref coder, mask, default, row, h.RegionCount));

        using var plane = new PlaneState(isChroma: false);
        plane.Prepare(1, 1, 8);
        ushort[] quant = new ushort[64];
        QuantizationTables.Build(info.Regions[row[0]].Quality, chroma: false, info.QuantizationTables, quant);
        Assert.Equal(RsgRegionMode.Dct, info.Regions[row[0]].Mode);
        Assert.True(BlockCoder.CodeBlock(ref coder, coefficients, plane, 0, 0, quant, dcOnly: false));
        return (coder.Decisions, coder.Contexts, plane.Levels[..64], plane.NonZero[0], quant[0], coder.Symbols);
    }

    private readonly record struct SymbolDecision(int Number, uint Range, uint Code, uint Scale, string Before, int N, int Symbol, string After)
    {
        public override string ToString() => $"#{Number} range={Range:X8} code={Code:X8} scale={Scale:X8} c=[{Before}] n={N,2} -> symbol {Symbol}, c becomes [{After}]";
    }

    private readonly record struct Decision(uint Range, uint Code, int P1, int N, uint Bound, int Bit, int P1After)
    {
        public override string ToString() => $"range={Range:X8} code={Code:X8} p1={P1} n={N} bound={Bound:X8} -> bit {Bit}, p1 becomes {P1After}";
    }

    private ref struct RecordingDecoder : IBinaryCoder
    {
        private RangeDecoder _decoder;
        private readonly (string Name, BitModel[] Array)[] _arrays;

        public RecordingDecoder(ReadOnlySpan<byte> payload, MaskContexts mask, CoefficientContexts c)
        {
            _decoder = new RangeDecoder(payload);
            _arrays =
            [
                ("SameAsAbove", mask.SameAsAbove), ("LabelTree", mask.LabelTree), ("RunExact", mask.RunExact), ("RunSign", mask.RunSign),
                ("RunLength", mask.RunLength), ("RunMantissa", mask.RunMantissa),
                ("DcZero", c.DcZero), ("DcSign", c.DcSign), ("DcLength", c.DcLength), ("DcMantissa", c.DcMantissa),
            ];
            _symbolArrays = [("NonZeroCount", c.NonZeroCount), ("AcToken", c.AcToken), ("AcEscape", c.AcEscape)];
        }

        private readonly (string Name, ushort[] Array)[] _symbolArrays;

        public List<SymbolDecision> Symbols { get; } = [];

        public List<Decision> Decisions { get; } = [];

        public List<string> Contexts { get; } = [];

        public readonly bool IsDecoder => true;

        public readonly int Position => _decoder.Position;

        public int Code(ref BitModel model, int bit)
        {
            Contexts.Add(NameOf(ref model));
            int p = model.ProbabilityOfOne, n = model.Count;
            uint range = _decoder.Range, code = _decoder.CodeValue;
            int result = _decoder.Code(ref model, bit);
            Decisions.Add(new Decision(range, code, p, n, (uint)(((ulong)range * (uint)p) >> 16), result, model.ProbabilityOfOne));
            return result;
        }

        public int CodeSymbol(Span<ushort> model, int symbols, int symbol)
        {
            string name = "?";
            foreach ((string n, ushort[] array) in _symbolArrays)
            {
                if (model.Overlaps(array))
                {
                    name = $"{n}[{(int)Unsafe.ByteOffset(ref array[0], ref model[0]) / sizeof(ushort) / SymbolModel.Stride}]";
                }
            }

            Contexts.Add(name);
            uint range = _decoder.Range, code = _decoder.CodeValue;
            ushort[] before = model[..symbols].ToArray();
            int count = model[SymbolModel.Stride - 1];
            int result = _decoder.CodeSymbol(model, symbols, symbol);
            Symbols.Add(new SymbolDecision(Contexts.Count, range, code, range >> SymbolModel.TotalBits, string.Join(" ", before), count, result, string.Join(" ", model[..symbols].ToArray())));
            return result;
        }

        public int CodeBypass(int bits, int value) => throw new NotSupportedException("the worked example has no bypass bits");

        private readonly string NameOf(ref BitModel model)
        {
            foreach ((string name, BitModel[] array) in _arrays)
            {
                for (int i = 0; i < array.Length; i++)
                {
                    if (Unsafe.AreSame(ref model, ref array[i]))
                    {
                        return $"{name}[{i}]";
                    }
                }
            }

            return "?";
        }
    }
}
