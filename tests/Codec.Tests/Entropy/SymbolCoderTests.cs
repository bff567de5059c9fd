using RegionCodec.Entropy;
using RegionCodec.Memory;

namespace RegionCodec.Tests.Entropy;

/// <summary>
/// Multi-symbol and bypass coding on the range coder's state (<see cref="SymbolModel"/>): the vector search and
/// update give the scalar results, adaptation never leaves a symbol without an interval, and encoder → decoder
/// gives back mixed sequences of adaptive bits, symbols and bypass bits.
/// </summary>
public sealed class SymbolCoderTests
{
    /// <summary>A model of <paramref name="symbols"/> symbols adapted by random symbols, skewed toward symbol 0.</summary>
    private static ushort[] AdaptedModel(Random random, int symbols, int updates)
    {
        ushort[] model = new ushort[SymbolModel.Stride];
        SymbolModel.Reset(model, symbols);
        for (int i = 0; i < updates; i++)
        {
            int symbol = random.Next(4) == 0 ? random.Next(symbols) : random.Next(Math.Min(2, symbols));
            SymbolModel.Update(model, symbols, symbol);
        }

        return model;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void VectorSearchFindsTheScalarSymbol(int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 20000; trial++)
        {
            int symbols = random.Next(2, SymbolModel.MaxSymbols + 1);
            ushort[] model = AdaptedModel(random, symbols, random.Next(0, 80));

            // Scales of every renormalised range (2^24 … 2^32 − 1) and codes inside and outside the range.
            uint range = (uint)random.NextInt64(1L << 24, 1L << 32);
            uint scale = range >> SymbolModel.TotalBits;
            uint code = random.Next(8) == 0 ? (uint)random.NextInt64(0, 1L << 32) : (uint)random.NextInt64(0, range);
            Assert.Equal(SymbolModel.FindScalar(model, symbols, scale, code), SymbolModel.FindVector256(model, symbols, scale, code));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void VectorUpdatesGiveTheScalarModel(int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 5000; trial++)
        {
            int symbols = random.Next(2, SymbolModel.MaxSymbols + 1);
            ushort[] model = AdaptedModel(random, symbols, random.Next(0, 40));
            int symbol = random.Next(symbols);
            int rate = Math.Min(BitModel.RateOf(random.Next(0, SymbolModel.CountLimit + 1)), short.MaxValue);
            ushort[] scalar = [.. model], wide = [.. model];
            SymbolModel.UpdateScalar(scalar, symbols, symbol, rate);
            SymbolModel.UpdateVector256(wide, symbols, symbol, rate);
            Assert.Equal(scalar, wide);
            if (symbols <= 9)
            {
                ushort[] narrow = [.. model];
                SymbolModel.UpdateVector128(narrow, symbols, symbol, rate);
                Assert.Equal(scalar, narrow);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(15)]
    public void EverySymbolKeepsTheMinimumFrequency(int symbols)
    {
        var random = new Random(symbols);
        ushort[] model = new ushort[SymbolModel.Stride];
        SymbolModel.Reset(model, symbols);

        // Long runs of one symbol push every other symbol to its floor.
        for (int i = 0; i < 20000; i++)
        {
            int symbol = (i / 500) % 3 == 0 ? random.Next(symbols) : (i / 1500) % symbols;
            SymbolModel.Update(model, symbols, symbol);
            for (int s = 0; s < symbols; s++)
            {
                Assert.True(SymbolModel.Frequency(model, symbols, s) >= SymbolModel.MinFrequency, $"symbol {s} after {i + 1} updates");
            }
        }

        Assert.Equal(SymbolModel.CountLimit, model[SymbolModel.Stride - 1]);
    }

    /// <summary>One coded item: an adaptive bit (kind 0), a symbol (kind 1) or bypass bits (kind 2).</summary>
    private readonly record struct Item(int Kind, int Context, int Count, int Value);

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.05)]
    [InlineData(3, 0.95)]
    [InlineData(4, 0.999)]
    [InlineData(5, 0.001)]
    public void MixedSequencesRoundTrip(int seed, double skew)
    {
        var random = new Random(seed);
        int[] symbolCounts = [2, 5, 9, 12, 15];
        Item[] items = [.. Enumerable.Range(0, 30000).Select(_ =>
        {
            int kind = random.Next(3);
            return kind switch
            {
                0 => new Item(0, random.Next(4), 1, random.NextDouble() < skew ? 1 : 0),
                1 => SkewedSymbol(random, symbolCounts[random.Next(symbolCounts.Length)], skew),
                _ => BypassItem(random),
            };
        })];

        using var output = new PooledBufferWriter();
        var encoder = new RangeEncoder(output);
        BitModel[] bits = [.. Enumerable.Repeat(BitModel.Initial, 4)];
        ushort[] models = NewModels(symbolCounts);
        foreach (Item item in items)
        {
            _ = item.Kind switch
            {
                0 => encoder.Code(ref bits[item.Context], item.Value),
                1 => encoder.CodeSymbol(models.AsSpan(item.Context * SymbolModel.Stride, SymbolModel.Stride), item.Count, item.Value),
                _ => encoder.CodeBypass(item.Count, item.Value),
            };
        }

        encoder.Finish();
        byte[] payload = output.WrittenSpan.ToArray();

        var decoder = new RangeDecoder(payload);
        BitModel[] decodedBits = [.. Enumerable.Repeat(BitModel.Initial, 4)];
        ushort[] decodedModels = NewModels(symbolCounts);
        for (int i = 0; i < items.Length; i++)
        {
            Item item = items[i];
            int value = item.Kind switch
            {
                0 => decoder.Code(ref decodedBits[item.Context], 0),
                1 => decoder.CodeSymbol(decodedModels.AsSpan(item.Context * SymbolModel.Stride, SymbolModel.Stride), item.Count, 0),
                _ => decoder.CodeBypass(item.Count, 0),
            };
            Assert.True(value == item.Value, $"item {i} ({item.Kind}): {value} instead of {item.Value}");
        }

        Assert.Equal(models, decodedModels);
    }

    /// <summary>Long runs of a near-certain top symbol (the largest interval offsets, so the most carries into written bytes).</summary>
    [Fact]
    public void LongSkewedRunsRoundTrip()
    {
        var random = new Random(7);
        using var output = new PooledBufferWriter();
        var encoder = new RangeEncoder(output);
        ushort[] model = new ushort[SymbolModel.Stride];
        SymbolModel.Reset(model, 9);
        int[] symbols = [.. Enumerable.Range(0, 200000).Select(i => random.Next(1000) == 0 ? random.Next(9) : 8)];
        foreach (int symbol in symbols)
        {
            encoder.CodeSymbol(model, 9, symbol);
        }

        encoder.Finish();
        byte[] payload = output.WrittenSpan.ToArray();

        var decoder = new RangeDecoder(payload);
        ushort[] decodedModel = new ushort[SymbolModel.Stride];
        SymbolModel.Reset(decodedModel, 9);
        int[] decoded = new int[symbols.Length];
        for (int i = 0; i < decoded.Length; i++)
        {
            decoded[i] = decoder.CodeSymbol(decodedModel, 9, 0);
        }

        Assert.Equal(symbols, decoded);
    }

    /// <summary>Random bytes decode to symbols in range and never fault, whatever code ≥ range does.</summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void RandomBytesDecodeToValidSymbols(int seed)
    {
        var random = new Random(seed);
        byte[] payload = new byte[4096];
        random.NextBytes(payload);
        var decoder = new RangeDecoder(payload);
        ushort[] models = NewModels([2, 5, 9, 12, 15]);
        int[] counts = [2, 5, 9, 12, 15];
        for (int i = 0; i < 50000; i++)
        {
            int context = random.Next(counts.Length);
            int symbol = decoder.CodeSymbol(models.AsSpan(context * SymbolModel.Stride, SymbolModel.Stride), counts[context], 0);
            Assert.InRange(symbol, 0, counts[context] - 1);
            int bits = random.Next(1, 17);
            Assert.InRange(decoder.CodeBypass(bits, 0), 0, (1 << bits) - 1);
        }
    }

    private static Item SkewedSymbol(Random random, int count, double skew)
    {
        int context = Array.IndexOf([2, 5, 9, 12, 15], count);
        int value = random.NextDouble() < skew ? count - 1 : random.Next(count);
        return new Item(1, context, count, value);
    }

    private static Item BypassItem(Random random)
    {
        int bits = random.Next(1, 17);
        return new Item(2, 0, bits, random.Next(1 << bits));
    }

    private static ushort[] NewModels(int[] symbolCounts)
    {
        ushort[] models = new ushort[symbolCounts.Length * SymbolModel.Stride];
        for (int i = 0; i < symbolCounts.Length; i++)
        {
            SymbolModel.Reset(models.AsSpan(i * SymbolModel.Stride, SymbolModel.Stride), symbolCounts[i]);
        }

        return models;
    }
}
