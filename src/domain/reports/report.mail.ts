/**
 * What the reporter is told by e-mail, in the report's language: that the
 * report was received (with its private status link), each change of its fate
 * as the status link shows it (merged into an issue, raised at a meeting,
 * resolved, rejected), and questions from the analysts. Every message carries
 * a status link of its own (LINK_MARK, filled in when it is sent).
 */
import { LINK_MARK, type MailLanguage } from '../mail/outbox.js';
import type { Text } from '../text.js';
import type { ReportStatus } from '../../shared/reports.js';
import type { RejectReason, ReportFate } from './report.ports.js';

/** The report's fate as the status link words it. */
export function fateStatus(fate: ReportFate): ReportStatus['status'] {
  if (fate.status === 'rejected') return 'rejected';
  if (fate.status === 'new') return 'received';
  const s = fate.issue?.status;
  if (s === 'resolved' || s === 'resolved-in-part') return 'resolved';
  return fate.meetings.length > 0 ? 'raised' : 'merged';
}

/**
 * The fate reduced to what the reporter is told about: a different key is a
 * change worth an e-mail (a further meeting counts; a title edit does not).
 */
export function fateKey(fate: ReportFate): string {
  const status = fateStatus(fate);
  switch (status) {
    case 'merged':
      return `merged:${fate.issue?.key ?? ''}`;
    case 'raised':
      return `raised:${Math.max(...fate.meetings)}`;
    case 'resolved':
      return `resolved:${fate.issue?.status ?? ''}`;
    default:
      return status;
  }
}

/** Who the message is to and who it is from. */
export interface ReporterContext {
  reference: string;
  language: MailLanguage;
  /** The contact's name, as the reporter wrote it. */
  name: string;
  receivedAt: string;
  /** The agency of the side the report is addressed to, by language. */
  agency?: Text;
}

export interface ComposedMail {
  subject: string;
  text: string;
}

const inLanguage = (text: Text | undefined, lang: MailLanguage): string =>
  text ? (text[lang] ?? Object.values(text).find((v) => v !== undefined && v !== '') ?? '') : '';

/** Nobody's question or title may carry the link mark into the text. */
const plain = (s: string) => s.split(LINK_MARK).join('');

const REASONS: Record<MailLanguage, Record<RejectReason, string>> = {
  en: {
    'not-actionable': 'it does not describe a problem the government can act on',
    duplicate: 'it repeats a report already on file',
    'out-of-scope': 'it falls outside the scope of this dialogue',
  },
  zh: {
    'not-actionable': '报告所述问题不属于政府可以采取行动的范围',
    duplicate: '报告与已收到的另一份报告重复',
    'out-of-scope': '报告超出本对话机制的范围',
  },
};

function listEn(n: number[]): string {
  return n.length <= 1 ? String(n[0] ?? '') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

function signOff(ctx: ReporterContext): string[] {
  const agency = inLanguage(ctx.agency, ctx.language);
  return ctx.language === 'zh'
    ? ['', ...(agency ? [agency] : []), '此邮件由系统自动发送，请勿直接回复；如需答复，请使用上面的链接。']
    : [
        '',
        ...(agency ? [agency] : []),
        'This message was sent automatically. Please do not reply to it; use the link above.',
      ];
}

function greeting(ctx: ReporterContext): string {
  return ctx.language === 'zh' ? `${plain(ctx.name)}，您好：` : `Dear ${plain(ctx.name)},`;
}

function statusLinkLines(ctx: ReporterContext): string[] {
  return ctx.language === 'zh'
    ? ['', '您可以随时通过以下私人链接查看报告状态：', LINK_MARK]
    : ['', 'Your private status link shows the report at any time:', LINK_MARK];
}

/** The e-mail that tells the reporter the report's fate (received, or what it became). */
export function fateMail(ctx: ReporterContext, fate: ReportFate): ComposedMail {
  const ref = ctx.reference;
  const zh = ctx.language === 'zh';
  const title = plain(inLanguage(fate.issue?.title, ctx.language) || fate.issue?.key || '');
  const agency = inLanguage(ctx.agency, ctx.language);
  const status = fateStatus(fate);
  const lines = [greeting(ctx), ''];
  let subject: string;
  switch (status) {
    case 'received':
      subject = zh ? `报告 ${ref} 已收到` : `Report ${ref} received`;
      if (zh) {
        lines.push(
          `感谢您提交报告 ${ref}（收到日期：${ctx.receivedAt.slice(0, 10)}）。${agency || '政府'}的分析人员将进行审阅，并可能与反映同一问题的其他报告一并处理。`,
          '',
          '您可以通过以下私人链接查看报告的处理进展：',
          LINK_MARK,
          '',
          '持有此链接者均可查看报告状态并回答相关问题，请妥善保管，勿转给他人。',
        );
      } else {
        lines.push(
          `Thank you for your report ${ref}, received on ${ctx.receivedAt.slice(0, 10)}. The analysts of ${agency || 'the government'} will read it, and may take it up together with other reports about the same problem.`,
          '',
          'You can follow what becomes of it at this private link:',
          LINK_MARK,
          '',
          "Anyone who has this link can see the report's status and answer questions about it, so please keep it to yourself.",
        );
      }
      return { subject, text: [...lines, ...signOff(ctx)].join('\n') };
    case 'merged':
      subject = zh ? `报告 ${ref}：已并入议题` : `Report ${ref}: taken up as an issue`;
      lines.push(
        zh
          ? `您的报告 ${ref} 已并入议题“${title}”，与反映同一问题的其他报告一并处理。`
          : `Your report ${ref} has been taken up in the issue “${title}”, together with any other reports about the same problem.`,
      );
      break;
    case 'raised': {
      const last = Math.max(...fate.meetings);
      subject = zh ? `报告 ${ref}：已在第 ${last} 次会议上提出` : `Report ${ref}: raised at meeting ${last}`;
      lines.push(
        zh
          ? `您的报告 ${ref} 所属的议题“${title}”已在第 ${fate.meetings.join('、')} 次会议上提出。`
          : `The issue “${title}”, which your report ${ref} is part of, was raised at meeting${fate.meetings.length > 1 ? 's' : ''} ${listEn(fate.meetings)} of the dialogue.`,
      );
      break;
    }
    case 'resolved': {
      const inPart = fate.issue?.status === 'resolved-in-part';
      subject = zh
        ? `报告 ${ref}：议题已${inPart ? '部分' : ''}解决`
        : `Report ${ref}: the issue is resolved${inPart ? ' in part' : ''}`;
      lines.push(
        zh
          ? inPart
            ? `您的报告 ${ref} 所属的议题“${title}”现已记录为部分解决：其中一方政府认为问题已经解决。`
            : `您的报告 ${ref} 所属的议题“${title}”现已记录为已解决。`
          : inPart
            ? `The issue “${title}”, which your report ${ref} is part of, is now recorded as resolved in part: one of the two governments considers it resolved.`
            : `The issue “${title}”, which your report ${ref} is part of, is now recorded as resolved.`,
      );
      break;
    }
    case 'rejected': {
      const reason = REASONS[ctx.language][fate.rejection?.reason ?? 'not-actionable'];
      subject = zh ? `报告 ${ref}：未予跟进` : `Report ${ref}: not taken forward`;
      lines.push(
        zh
          ? `您的报告 ${ref} 将不予跟进，原因是：${reason}。`
          : `Your report ${ref} will not be taken forward: ${reason}.`,
      );
      break;
    }
  }
  return { subject, text: [...lines, ...statusLinkLines(ctx), ...signOff(ctx)].join('\n') };
}

/** The e-mail that puts an analyst's question to the reporter. */
export function questionMail(ctx: ReporterContext, question: string): ComposedMail {
  const ref = ctx.reference;
  const quoted = plain(question)
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  if (ctx.language === 'zh') {
    return {
      subject: `关于您的报告 ${ref} 的问题`,
      text: [
        greeting(ctx),
        '',
        `审阅您的报告 ${ref} 的分析人员有一个问题，想请您回答：`,
        '',
        quoted,
        '',
        '请在报告的私人状态页面上作答：',
        LINK_MARK,
        '',
        '您的回答将附在报告中，仅您所反映的政府可以看到。',
        ...signOff(ctx),
      ].join('\n'),
    };
  }
  return {
    subject: `A question about your report ${ref}`,
    text: [
      greeting(ctx),
      '',
      `The analysts reading your report ${ref} have a question for you:`,
      '',
      quoted,
      '',
      "Please answer it on your report's private status page:",
      LINK_MARK,
      '',
      'Your answer is added to the report, and only the government you wrote to sees it.',
      ...signOff(ctx),
    ].join('\n'),
  };
}
