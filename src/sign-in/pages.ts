/**
 * The few pages the sign-in shows itself, before the console is reached: in Chinese, as the people who see them
 * read it, with no script (the Content-Security-Policy allows none inline).
 */

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escape(title)} · 零跑腿审批</title>
  </head>
  <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.6">
    <h1>${escape(title)}</h1>
${body}
  </body>
</html>
`;
}

/** A person the provider knows, whose claims give no ZeroTrip role (403). */
export function noRolePage(who: string): string {
  return page(
    '您的账号尚未开通本系统权限',
    `    <p>您已通过政务服务统一身份认证登录（账号：${escape(who)}），但该账号没有可用的审批系统身份：
      既不是已登记统一社会信用代码的企业账号，也不属于任何审批部门、代办专班、督查或运维岗位。</p>
    <p>企业用户请在认证平台完成法人（企业）实名认证后重新登录；工作人员请联系本单位管理员开通岗位权限。</p>
    <form method="post" action="/auth/logout">
      <button type="submit">退出并使用其他账号登录</button>
    </form>
`,
  );
}

/** The sign-in did not complete (a stale or forged answer, a refusal at the provider, the provider down). */
export function signInFailedPage(reason: string): string {
  return page(
    '登录未完成',
    `    <p>${escape(reason)}</p>
    <p><a href="/auth/login">重新登录</a></p>
`,
  );
}
