namespace Lakehouse.Model.Cloud;

/// <summary>
/// IAM's decision for a request by a principal of the bucket's own account, from the principal's identity policy
/// and the resource's policy (a bucket policy), as AWS documents policy evaluation within one account: an explicit
/// Deny in either wins, then an Allow in either, else the implicit deny. The request's <c>aws:PrincipalArn</c>
/// condition key is the principal's ARN (a role's ARN for its sessions).
/// </summary>
public static class IamAccess
{
    public const string PrincipalArnKey = "aws:PrincipalArn";

    public static IamDecision Decide(string principalArn, IamPolicyDocument identityPolicy, IamPolicyDocument? resourcePolicy, string action, string resource,
        IReadOnlyDictionary<string, string>? context = null)
    {
        var keys = new Dictionary<string, string>(context ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [PrincipalArnKey] = principalArn };
        var identity = identityPolicy.Evaluate(action, resource, keys);
        var onResource = resourcePolicy?.Evaluate(action, resource, keys, principalArn) ?? IamDecision.ImplicitDeny;
        return identity == IamDecision.ExplicitDeny || onResource == IamDecision.ExplicitDeny ? IamDecision.ExplicitDeny
            : identity == IamDecision.Allow || onResource == IamDecision.Allow ? IamDecision.Allow
            : IamDecision.ImplicitDeny;
    }
}
