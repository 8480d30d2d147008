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
}
