using Overal.Core.Catalog;

namespace Overal.Core.Seeding;

/// <summary>
/// A believable sustainable-fashion assortment, the same on every start (fixed random seed): styles with Dutch and
/// French names, colours, and sizes XS–XL (34–44 for trousers), each variant with a valid EAN-13.
/// </summary>
public static class DemoCatalog
{
    private static readonly (string Nl, string Fr, string Category, decimal Price, bool Trousers)[] Types =
    [
        ("Jurk", "Robe", "Jurken", 89.95m, false), ("Blouse", "Chemisier", "Blouses", 59.95m, false),
        ("Trui", "Pull", "Truien", 79.95m, false), ("Broek", "Pantalon", "Broeken", 69.95m, true),
        ("Jeans", "Jean", "Jeans", 99.95m, true), ("Rok", "Jupe", "Rokken", 54.95m, false),
        ("T-shirt", "T-shirt", "T-shirts", 29.95m, false), ("Jas", "Manteau", "Jassen", 189.95m, false),
        ("Vest", "Gilet", "Vesten", 74.95m, false), ("Overhemd", "Chemise", "Overhemden", 64.95m, false),
    ];

    private static readonly (string Nl, string Fr)[] Materials =
    [
        ("linnen", "en lin"), ("biokatoenen", "en coton bio"), ("gerecyclede", "recyclé(e)"),
        ("wollen", "en laine"), ("Tencel", "en Tencel"), ("hennep", "en chanvre"),
    ];

    private static readonly string[] Names =
    [
        "Amber", "Noor", "Fenna", "Liv", "Saar", "Isa", "Mila", "Roos", "Lotte", "Evi", "Jade", "Nina",
        "Daan", "Sem", "Jesse", "Bram", "Luuk", "Thijs", "Femke", "Sanne", "Ilse", "Merel", "Floor", "Vera",
    ];

    private static readonly (string Code, string Nl)[] Colours =
    [
        ("NAV", "Marineblauw"), ("BLK", "Zwart"), ("OFW", "Gebroken wit"), ("SAG", "Saliegroen"),
        ("TER", "Terracotta"), ("SND", "Zand"), ("BLU", "Blauw"), ("BRD", "Bordeaux"),
    ];

    public static readonly string[] LetterSizes = ["XS", "S", "M", "L", "XL"];
    public static readonly string[] TrouserSizes = ["34", "36", "38", "40", "42", "44"];

    public static IReadOnlyList<Product> Generate(int styles, int seed = 42)
    {
        var random = new Random(seed);
        var products = new List<Product>(styles);
        var item = 0;
        for (var s = 0; s < styles; s++)
        {
            var type = Types[s % Types.Length];
            var material = Materials[random.Next(Materials.Length)];
            var name = Names[(s / Types.Length) % Names.Length];
            var styleCode = $"OV{1000 + s}";
            var product = new Product
            {
                Id = Guid.CreateVersion7(),
                StyleCode = styleCode,
                NameNl = $"{name} {material.Nl} {type.Nl.ToLowerInvariant()}",
                NameFr = $"{type.Fr} {name} {material.Fr}",
                Category = type.Category,
                Price = type.Price,
            };
            var colourCount = 1 + random.Next(3);
            var firstColour = random.Next(Colours.Length);
            foreach (var c in Enumerable.Range(0, colourCount).Select(i => Colours[(firstColour + i) % Colours.Length]))
            {
                foreach (var size in type.Trousers ? TrouserSizes : LetterSizes)
                {
                    item++;
                    product.Variants.Add(new Variant
                    {
                        Sku = $"{styleCode}-{c.Code}-{size}",
                        ProductId = product.Id,
                        // 871 is the GS1 Netherlands prefix range; a fictitious company number follows.
                        Ean = Ean13.Complete($"8719874{item:D5}"),
                        Colour = c.Nl,
                        Size = size,
                        Price = type.Price,
                    });
                }
            }
            products.Add(product);
        }
        return products;
    }
}
