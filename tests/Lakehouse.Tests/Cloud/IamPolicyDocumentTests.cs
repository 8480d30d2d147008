using Lakehouse.Model.Cloud;

namespace Lakehouse.Tests.Cloud;

/// <summary>The IAM evaluator the least-privilege tests rely on: if it were lenient or strict in the wrong place, those tests would prove nothing.</summary>
public class IamPolicyDocumentTests
{
    private static readonly IamPolicyDocument Document = new(
    [
        new IamStatement("Objects", IamEffect.Allow, ["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::b-one/logs/*"]),
        new IamStatement("List", IamEffect.Allow, ["s3:ListBucket"], ["arn:aws:s3:::b-one"])
        {
            Conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
            {
                ["StringLike"] = new Dictionary<string, IReadOnlyList<string>> { ["s3:prefix"] = ["logs/*"] },
            },
        },
        new IamStatement("Glue", IamEffect.Allow, ["glue:Get*"], ["arn:aws:glue:eu-west-1:123456789012:database/d?"]),
        new IamStatement("NoDeletes", IamEffect.Deny, ["s3:DeleteObject*"], ["*"]),
        new IamStatement("AllDeletes", IamEffect.Allow, ["s3:*"], ["arn:aws:s3:::b-one/tmp/*"]),
    ]);

    [Theory]
    [InlineData("s3:GetObject", "arn:aws:s3:::b-one/logs/a/b.log", IamDecision.Allow)]
    [InlineData("S3:getobject", "arn:aws:s3:::b-one/logs/x", IamDecision.Allow)]           // actions ignore case
    [InlineData("s3:GetObject", "arn:aws:s3:::B-ONE/logs/x", IamDecision.ImplicitDeny)]    // ARNs do not
    [InlineData("s3:GetObject", "arn:aws:s3:::b-one/other/x", IamDecision.ImplicitDeny)]
    [InlineData("s3:GetObject", "arn:aws:s3:::b-one-x/logs/x", IamDecision.ImplicitDeny)]
    [InlineData("s3:GetObjectAcl", "arn:aws:s3:::b-one/logs/x", IamDecision.ImplicitDeny)]
    [InlineData("glue:GetTable", "arn:aws:glue:eu-west-1:123456789012:database/d1", IamDecision.Allow)]
    [InlineData("glue:GetTable", "arn:aws:glue:eu-west-1:123456789012:database/d12", IamDecision.ImplicitDeny)] // '?' is one character
    [InlineData("glue:CreateTable", "arn:aws:glue:eu-west-1:123456789012:database/d1", IamDecision.ImplicitDeny)]
    [InlineData("s3:DeleteObject", "arn:aws:s3:::b-one/tmp/x", IamDecision.ExplicitDeny)]  // a Deny beats an Allow
    [InlineData("s3:PutObject", "arn:aws:s3:::b-one/tmp/x", IamDecision.Allow)]
    public void Evaluates_actions_resources_and_wildcards_as_iam_does(string action, string resource, IamDecision expected)
    {
        Assert.Equal(expected, Document.Evaluate(action, resource));
    }

    [Fact]
    public void A_condition_holds_only_for_requests_carrying_a_matching_key()
    {
        Assert.True(Document.Allows("s3:ListBucket", "arn:aws:s3:::b-one", new Dictionary<string, string> { ["s3:prefix"] = "logs/2026/" }));
        Assert.False(Document.Allows("s3:ListBucket", "arn:aws:s3:::b-one", new Dictionary<string, string> { ["s3:prefix"] = "secrets/" }));
        Assert.False(Document.Allows("s3:ListBucket", "arn:aws:s3:::b-one"));
    }

    [Fact]
    public void Rendering_and_parsing_keeps_the_decisions()
    {
        var parsed = IamPolicyDocument.Parse(Document.ToJsonString());
        Assert.Equal(Document.ToJsonString(), parsed.ToJsonString());
        Assert.Equal(IamDecision.ExplicitDeny, parsed.Evaluate("s3:DeleteObjectVersion", "arn:aws:s3:::b-one/logs/x"));
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("abc", "abcd", false)]
    public void Wildcards_match_as_documented(string pattern, string value, bool matches)
    {
        Assert.Equal(matches, Wildcard.Matches(pattern, value, ignoreCase: false));
    }

    private static readonly IamPolicyDocument BucketPolicy = new(
    [
        new IamStatement("Owner", IamEffect.Allow, ["s3:GetObject"], ["arn:aws:s3:::b/*"]) { Principal = KeyValuePair.Create("AWS", "arn:aws:iam::1:role/owner") },
        new IamStatement("OnlyOwnerAndReader", IamEffect.Deny, ["s3:GetObject*"], ["arn:aws:s3:::b/*"])
        {
            Principal = KeyValuePair.Create("AWS", "*"),
            Conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
            {
                ["StringNotEquals"] = new Dictionary<string, IReadOnlyList<string>> { [IamAccess.PrincipalArnKey] = ["arn:aws:iam::1:role/owner", "arn:aws:iam::1:role/reader"] },
            },
        },
    ]);

    [Fact]
    public void A_resource_policy_statement_applies_to_its_principal_and_a_negated_condition_holds_without_the_key()
    {
        var none = new IamPolicyDocument([]);
        Assert.Equal(IamDecision.Allow, IamAccess.Decide("arn:aws:iam::1:role/owner", none, BucketPolicy, "s3:GetObject", "arn:aws:s3:::b/k"));
        // Not its principal: the Allow does not apply; the reader is not denied but granted nothing here.
        Assert.Equal(IamDecision.ImplicitDeny, IamAccess.Decide("arn:aws:iam::1:role/reader", none, BucketPolicy, "s3:GetObject", "arn:aws:s3:::b/k"));
        var everything = new IamPolicyDocument([new IamStatement("All", IamEffect.Allow, ["s3:*"], ["*"])]);
        Assert.Equal(IamDecision.Allow, IamAccess.Decide("arn:aws:iam::1:role/reader", everything, BucketPolicy, "s3:GetObject", "arn:aws:s3:::b/k"));
        Assert.Equal(IamDecision.ExplicitDeny, IamAccess.Decide("arn:aws:iam::1:role/other", everything, BucketPolicy, "s3:GetObjectVersion", "arn:aws:s3:::b/k"));
        // StringNotEquals on a key the request lacks holds (IAM's rule for negated operators): anonymous is denied.
        Assert.Equal(IamDecision.ExplicitDeny, BucketPolicy.Evaluate("s3:GetObject", "arn:aws:s3:::b/k", null, "*"));
        Assert.Equal(IamDecision.ImplicitDeny, BucketPolicy.Evaluate("s3:GetObject", "arn:aws:s3:::b/k", new Dictionary<string, string> { [IamAccess.PrincipalArnKey] = "arn:aws:iam::1:role/reader" }, "arn:aws:iam::1:role/reader"));
        Assert.Throws<NotSupportedException>(() => new IamPolicyDocument([new IamStatement("X", IamEffect.Allow, ["s3:*"], ["*"])
        {
            Conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> { ["ArnLike"] = new Dictionary<string, IReadOnlyList<string>> { ["k"] = ["v"] } },
        }]).Evaluate("s3:GetObject", "x"));
    }
}
