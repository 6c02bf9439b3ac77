/**
 * `npm run mail:sink`: a local SMTP server on 127.0.0.1 (port 1025, or the first argument) that
 * accepts every mail and prints it, for watching what Samverkan sends during development. Start
 * the API with SMTP_URL=smtp://127.0.0.1:1025 and MAIL_FROM set. It needs the development
 * dependencies (smtp-server, mailparser) and is not part of a production install.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 1025);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : mail.to?.text;
        const unsubscribe = mail.headerLines.find((line) => line.key === 'list-unsubscribe');
        console.log(
          [
            '─'.repeat(72),
            `Message-ID: ${mail.messageId ?? ''}`,
            `From:       ${mail.from?.text ?? ''}`,
            `To:         ${to ?? ''}`,
            `Subject:    ${mail.subject ?? ''}`,
            ...(unsubscribe ? [unsubscribe.line] : []),
            '',
            mail.text ?? '',
          ].join('\n'),
        );
        callback();
      })
      .catch((error: unknown) =>
        callback(error instanceof Error ? error : new Error(String(error))),
      );
  },
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Mail sink on smtp://127.0.0.1:${port}: every mail is accepted and printed here.`);
});
