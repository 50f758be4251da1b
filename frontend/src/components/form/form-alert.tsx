import { Alert } from "flowbite-react";

interface FormAlertProps {
  messages: string[];
}

export function FormAlert({ messages }: FormAlertProps) {
  if (messages.length === 0) return null;
  return (
    <Alert color="failure" role="alert" className="mb-4">
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <ul className="list-inside list-disc">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
