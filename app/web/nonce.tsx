import { createContext, useContext } from 'react';

/** The CSP nonce of this response, for the inline scripts React Router renders. */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
