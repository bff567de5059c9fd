using RegionCodec.Entropy;
using RegionCodec.Memory;

namespace RegionCodec.Tests.Entropy;

/// <summary>
/// The binary range coder and its adaptive contexts (spec/rsg.md §5.2, §5.3): encoder → decoder gives
/// back the same decisions, the bytes are those of the spec's pseudo-code (transcribed here as a
/// reference), and the decoder treats bytes past the end of its payload as zeros.
/// </summary>
public sealed class RangeCoderTests
{
    /// <summary>A decision: its bit and which context it uses (−1: a fresh context of fixed probability <c>P</c>).</summary>
    private readonly record struct Step(int Bit, int Context, ushort P);

    public static TheoryData<int, double> SeedsAndSkews()
    {
        var data = new TheoryData<int, double>();
        foreach (double skew in new[] { 0.5, 0.1, 0.9, 0.01, 0.999 })
        {
            for (int seed = 1; seed <= 8; seed++)
            {
                data.Add(seed, skew);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndSkews))]
    public void AdaptiveContextsRoundTrip(int seed, double probabilityOfOne)
    {
        var random = new Random(seed);
        Step[] steps = [.. Enumerable.Range(0, 5000 + random.Next(5000)).Select(_ => new Step(random.NextDouble() < probabilityOfOne ? 1 : 0, random.Next(8), 0))];
        byte[] payload = Encode(steps, out BitModel[] encoderModels);
        int[] decoded = Decode(payload, steps, out BitModel[] decoderModels);

        Assert.Equal(steps.Select(s => s.Bit), decoded);
        Assert.Equal(encoderModels, decoderModels);
        Assert.Equal(ReferenceEncode(steps), payload);
        Assert.True(payload.Length == 0 || payload[^1] != 0, "the encoder trims trailing zero bytes");
    }

    /// <summary>Fixed probabilities (a fresh context with the given p for every decision), including the extremes 32 and 65504.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void FixedProbabilitiesRoundTrip(int seed)
    {
        var random = new Random(seed);
        ushort[] probabilities = [32, 33, 1000, 16384, 32768, 49152, 64000, 65503, 65504];
        Step[] steps = [.. Enumerable.Range(0, 20000).Select(_ =>
        {
            ushort p = probabilities[random.Next(probabilities.Length)];
            return new Step(random.Next(65536) < p ? 1 : 0, -1, p);
        })];

        // Make sure the unlikely branch of the extreme probabilities is taken too.
        steps[100] = new Step(1, -1, 32);
        steps[101] = new Step(0, -1, 65504);

        byte[] payload = Encode(steps, out _);
        Assert.Equal(steps.Select(s => s.Bit), Decode(payload, steps, out _));
        Assert.Equal(ReferenceEncode(steps), payload);
    }

    [Fact]
    public void NoDecisionsGiveAnEmptyPayload()
    {
        Assert.Empty(Encode([], out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void LongRunsOfOneBitCostAlmostNothing(int bit)
    {
        Step[] steps = [.. Enumerable.Repeat(new Step(bit, 0, 0), 100_000)];
        byte[] payload = Encode(steps, out BitModel[] models);
        Assert.Equal(steps.Select(s => s.Bit), Decode(payload, steps, out _));

        // The context settles at its extreme (§5.3): a run of 0s reaches the clamp 32; a run of 1s stops at
        // 65473 = 65536 − 63, where the 1/64 step (65536 − p) × 1024 >> 16 rounds to 0, below the clamp 65504.
        // Either way each further decision costs under 0.002 bits.
        Assert.Equal(bit == 1 ? 65473 : BitModel.MinProbability, models[0].ProbabilityOfOne);
        Assert.Equal(BitModel.CountLimit, models[0].Count);
        Assert.InRange(payload.Length, 0, 32);
    }

    [Fact]
    public void AlternatingRunsAroundCarriesRoundTrip()
    {
        // Long runs of likely decisions followed by an unlikely one drive low towards 0xFF.. and force carries.
        var random = new Random(7);
        var steps = new List<Step>();
        for (int run = 0; run < 400; run++)
        {
            int bit = random.Next(2);
            steps.AddRange(Enumerable.Repeat(new Step(bit, -1, bit == 1 ? (ushort)65504 : (ushort)32), random.Next(1, 3000)));
            steps.Add(new Step(1 - bit, -1, bit == 1 ? (ushort)65504 : (ushort)32));
        }

        byte[] payload = Encode([.. steps], out _);
        Assert.Equal(steps.Select(s => s.Bit), Decode(payload, [.. steps], out _));
        Assert.Equal(ReferenceEncode([.. steps]), payload);
    }

    /// <summary>§5.2: bytes past the end read as 0, so trailing zeros change nothing, and the decoder never rejects.</summary>
    [Fact]
    public void DecoderReadsZerosPastTheEnd()
    {
        var random = new Random(11);
        Step[] steps = [.. Enumerable.Range(0, 3000).Select(_ => new Step(random.Next(10) == 0 ? 1 : 0, random.Next(4), 0))];
        byte[] payload = Encode(steps, out _);
        int[] bits = Decode(payload, steps, out _);

        byte[] padded = [.. payload, .. new byte[17]];
        Assert.Equal(bits, Decode(padded, steps, out _));

        // Position counts bytes read, those past the end included: 4 at the start, even for nothing.
        var empty = new RangeDecoder([]);
        Assert.Equal(4, empty.Position);
        Assert.Equal(0u, empty.CodeValue);
        Assert.Equal(0xFFFFFFFFu, empty.Range);

        // An empty payload has code = 0 < bound, so every decision decodes as 1. At p = 1/2 each decision
        // halves the range, so the decoder renormalises (reads one more, missing, byte) every 8 decisions.
        for (int i = 0; i < 1000; i++)
        {
            var half = BitModel.Initial;
            Assert.Equal(1, empty.Code(ref half, 0));
            Assert.Equal(0u, empty.CodeValue);
        }

        Assert.Equal(4 + (1000 / 8), empty.Position);
    }

    /// <summary>Arbitrary (hostile) payloads, including ones where code ≥ range, decode exactly as the spec's pseudo-code.</summary>
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    [InlineData(3, 40)]
    [InlineData(4, 1000)]
    public void ArbitraryPayloadsDecodeAsTheSpecPseudoCode(int seed, int length)
    {
        var random = new Random(seed);
        byte[] payload = new byte[length];
        random.NextBytes(payload);
        if (length > 4)
        {
            payload.AsSpan(0, 4).Fill(0xFF); // code = 0xFFFFFFFF = range at the start
        }

        var decoder = new RangeDecoder(payload);
        var reference = new ReferenceDecoder(payload);
        var models = new BitModel[16];
        BitModel.Reset(models);
        var referenceModels = new ReferenceModel[16];
        Array.Fill(referenceModels, ReferenceModel.Initial);
        for (int i = 0; i < 5000; i++)
        {
            int c = random.Next(16);
            int bit = decoder.Code(ref models[c], 0);
            Assert.Equal(reference.DecodeBit(ref referenceModels[c]), bit);
            Assert.Equal(reference.Range, decoder.Range);
            Assert.Equal(reference.Code, decoder.CodeValue);
            Assert.Equal(referenceModels[c].P, models[c].ProbabilityOfOne);
        }
    }

    /// <summary>§5.3: RATE[n] = floor(65536 / (n + 2)), p stays in 32 … 65504, n saturates at 62.</summary>
    [Fact]
    public void BitModelFollowsTheSpecUpdate()
    {
        var random = new Random(5);
        var model = BitModel.Initial;
        var reference = ReferenceModel.Initial;
        for (int i = 0; i < 20000; i++)
        {
            int bit = i < 300 ? 1 : i < 600 ? 0 : random.Next(5) == 0 ? 1 : 0;
            model.Update(bit);
            reference.Update(bit);
            Assert.Equal(reference.P, model.ProbabilityOfOne);
            Assert.Equal(reference.N, model.Count);
            Assert.InRange((int)model.ProbabilityOfOne, 32, 65504);
        }

        Assert.Equal(62, model.Count);
    }

    private static byte[] Encode(Step[] steps, out BitModel[] models)
    {
        models = new BitModel[8];
        BitModel.Reset(models);
        using var output = new PooledBufferWriter(16);
        var encoder = new RangeEncoder(output);
        foreach (Step step in steps)
        {
            if (step.Context < 0)
            {
                var fixedModel = new BitModel { ProbabilityOfOne = step.P };
                Assert.Equal(step.Bit, encoder.Code(ref fixedModel, step.Bit));
            }
            else
            {
                Assert.Equal(step.Bit, encoder.Code(ref models[step.Context], step.Bit));
            }
        }

        encoder.Finish();
        return output.WrittenSpan.ToArray();
    }

    private static int[] Decode(byte[] payload, Step[] steps, out BitModel[] models)
    {
        models = new BitModel[8];
        BitModel.Reset(models);
        var decoder = new RangeDecoder(payload);
        int[] bits = new int[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            // The bit argument is a placeholder for the decoder: pass the wrong one to be sure it is ignored.
            int placeholder = 1 - steps[i].Bit;
            if (steps[i].Context < 0)
            {
                var fixedModel = new BitModel { ProbabilityOfOne = steps[i].P };
                bits[i] = decoder.Code(ref fixedModel, placeholder);
            }
            else
            {
                bits[i] = decoder.Code(ref models[steps[i].Context], placeholder);
            }
        }

        return bits;
    }

    /// <summary>§5.2's encoder, line by line.</summary>
    private static byte[] ReferenceEncode(Step[] steps)
    {
        ulong low = 0;
        uint range = 0xFFFFFFFF;
        byte cache = 0;
        long pending = 1;
        bool first = true;
        var output = new List<byte>();
        var models = new ReferenceModel[8];
        Array.Fill(models, ReferenceModel.Initial);

        void ShiftLow()
        {
            if (low < 0xFF000000 || low > 0xFFFFFFFF)
            {
                ulong carry = low >> 32;
                ulong value = cache;
                for (long i = 0; i < pending; i++)
                {
                    if (!first)
                    {
                        output.Add((byte)((value + carry) & 0xFF));
                    }

                    first = false;
                    value = 0xFF;
                }

                pending = 0;
                cache = (byte)((low >> 24) & 0xFF);
            }

            pending++;
            low = (low & 0x00FFFFFF) << 8;
        }

        foreach (Step step in steps)
        {
            var fixedModel = new ReferenceModel(step.P, 0);
            ref ReferenceModel ctx = ref step.Context < 0 ? ref fixedModel : ref models[step.Context];
            uint bound = (uint)(((ulong)range * (uint)ctx.P) >> 16);
            if (step.Bit == 1)
            {
                range = bound;
            }
            else
            {
                low += bound;
                range -= bound;
            }

            ctx.Update(step.Bit);
            while (range < (1u << 24))
            {
                range <<= 8;
                ShiftLow();
            }
        }

        for (int i = 0; i < 5; i++)
        {
            ShiftLow();
        }

        while (output.Count > 0 && output[^1] == 0)
        {
            output.RemoveAt(output.Count - 1);
        }

        return [.. output];
    }

    /// <summary>§5.2's decoder, line by line.</summary>
    private sealed class ReferenceDecoder(byte[] buf)
    {
        private long _pos;

        public uint Range { get; private set; } = 0xFFFFFFFF;

        public uint Code { get; private set; } = Init(buf);

        private static uint Init(byte[] buf)
        {
            uint code = 0;
            for (int i = 0; i < 4; i++)
            {
                code = (code << 8) | (i < buf.Length ? buf[i] : 0u);
            }

            return code;
        }

        public int DecodeBit(ref ReferenceModel ctx)
        {
            if (_pos == 0)
            {
                _pos = 4;
            }

            uint bound = (uint)(((ulong)Range * (uint)ctx.P) >> 16);
            int bit;
            if (Code < bound)
            {
                Range = bound;
                bit = 1;
            }
            else
            {
                Code -= bound;
                Range -= bound;
                bit = 0;
            }

            ctx.Update(bit);
            while (Range < (1u << 24))
            {
                Range <<= 8;
                uint next = _pos < buf.Length ? buf[_pos] : 0u;
                _pos++;
                Code = (uint)((((ulong)Code << 8) | next) % (1UL << 32));
            }

            return bit;
        }
    }

    /// <summary>§5.3's update, with the rate computed rather than tabled.</summary>
    private record struct ReferenceModel(int P, int N)
    {
        public static ReferenceModel Initial => new(32768, 0);

        public void Update(int bit)
        {
            int rate = 65536 / (N + 2);
            int target = bit << 16;
            long product = (long)(target - P) * rate;
            P = Math.Clamp(P + (int)Math.Floor(product / 65536.0), 32, 65504);
            if (N < 62)
            {
                N++;
            }
        }
    }
}
