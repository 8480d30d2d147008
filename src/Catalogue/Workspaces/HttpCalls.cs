using System.Globalization;
using System.Text.Json.Nodes;

namespace Lakehouse.Model.Components;

/// <summary>One call of a service's HTTP API: method, path under the API's endpoint, JSON body.</summary>
public sealed record HttpCall(string Method, string Path, JsonObject Body)
{
    /// <summary>
    /// An absolute path the body is read from at run time instead of <see cref="Body"/> (a Secret's key mounted in
    /// the Job): for a body that carries a secret, which must not be in the ConfigMap. <see cref="Body"/> then shows
    /// the body's shape for reviewers and tests, and is not rendered.
    /// </summary>
    public string? BodyFile { get; init; }
}

/// <summary>
/// The ConfigMap of a hook Job (<see cref="HookJob"/>) that makes HTTP calls in order with curl: each body a file
/// (001.json, ...), run.sh calling them; a call answered 2xx or 409 (exists already, so re-syncs are harmless) passes,
/// anything else fails the Job with the answer in its log. With a token URL, run.sh first gets an OAuth2
/// token by client credentials from CLIENT_ID and CLIENT_SECRET and sends it as a bearer token. A call whose body
/// carries a secret names a mounted file (<see cref="HttpCall.BodyFile"/>, an absolute path) instead.
/// </summary>
public static class HttpCalls
{
    public static JsonObject Files(Endpoint api, IReadOnlyList<HttpCall> calls, IReadOnlyList<string> headers, string? tokenUrl = null, string? tokenScope = null)
    {
        var files = new JsonObject();
        var script = new List<string> { "set -eu", $"API={api.ToString().TrimEnd('/')}" };
        if (tokenUrl is not null)
        {
            script.Add($"TOKEN=$(curl -sSf -X POST \"$API{tokenUrl}\" -d grant_type=client_credentials -d \"client_id=$CLIENT_ID\" -d \"client_secret=$CLIENT_SECRET\" -d scope={tokenScope} | sed -n 's/.*\"access_token\" *: *\"\\([^\"]*\\)\".*/\\1/p')");
            script.Add("AUTH=\"Authorization: Bearer $TOKEN\"");
        }
        else
        {
            script.Add("AUTH=\"Accept: application/json\"");
        }
        script.Add("call() {");
        script.Add("  case \"$3\" in /*) body=\"$3\" ;; *) body=\"/job/$3\" ;; esac");
        script.Add("  code=$(curl -sS -o /tmp/answer -w '%{http_code}' -X \"$1\" \"$API$2\" -H 'Content-Type: application/json' -H \"$AUTH\"" +
                   string.Concat(headers.Select(h => $" -H '{h}'")) + " --data-binary \"@$body\")");
        script.Add("  case \"$code\" in 2??|409) echo \"$1 $2: $code\" ;; *) echo \"$1 $2: $code\"; cat /tmp/answer; exit 1 ;; esac");
        script.Add("}");
        for (var i = 0; i < calls.Count; i++)
        {
            var file = calls[i].BodyFile ?? (i + 1).ToString("000", CultureInfo.InvariantCulture) + ".json";
            if (calls[i].BodyFile is null)
            {
                files[file] = WorkspaceJson.Text(calls[i].Body);
            }
            script.Add($"call {calls[i].Method} {calls[i].Path} {file}");
        }
        files["run.sh"] = string.Join("\n", script) + "\n";
        return files;
    }
}
